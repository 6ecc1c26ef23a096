// tests/traits/softplus.hpp — Softplus's contract: f(x) = (1/β)·log1p(e^(βx)) and f'(x) = σ(βx),
// x and 1 where βx (rounded in T) > threshold (PyTorch's rule); within 1 ULP of the correctly
// rounded value everywhere; f(±0) = ln2/β; no kink; no from-output rule; β > 0, 1/β and threshold
// finite in T, else refused.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"

#include <rectify/softplus.hpp>

#include <algorithm>

namespace rectify_test {

template <>
struct traits<rectify::softplus> {
    using F = rectify::softplus;
    static constexpr const char* name = "softplus";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static bool linear(const F& f, T x) {
        return T(T(f.beta) * x) > T(f.threshold);
    }
    template <class T>
    static auto forward(const F& f, T x) {
        if (std::isnan(x) || linear(f, x)) return smooth::constant(x);
        if (std::isinf(x)) return smooth::constant(T(0));
        return smooth::value(smooth::fn::softplus, false, x, {f.beta, 1});
    }
    template <class T>
    static auto derivative(const F& f, T x) {
        if (std::isnan(x)) return smooth::constant(x);
        if (linear(f, x)) return smooth::constant(T(1));
        if (std::isinf(x)) return smooth::constant(T(0));
        return smooth::value(smooth::fn::softplus, true, x, {f.beta, 1});
    }
    static zero_rule zero(const F&) { return zero_rule::value; }
    /// +0 from above, reached where e^(βx)/β is below half the smallest subnormal; f' = σ(βx)
    /// is +0 from |x| = 750/β on.
    template <class T>
    static tail<T> minus_inf(const F& f) {
        const double underflow = sizeof(T) == sizeof(float) ? 105 : 746;
        return {T(0), T(0), approach::from_above, T((std::log(f.beta) - underflow) / f.beta),
                T(std::max(1000.0, 750 / f.beta))};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        const T inf = std::numeric_limits<T>::infinity();
        return {inf, T(1), approach::none, inf};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {};
    }
    /// e^−95/β (float), e^−720/β (double), and σ(βx) there.
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F& f) {
        const T x = T((sizeof(T) == sizeof(float) ? -95 : -720) / f.beta);
        return {{direction::forward, x}, {direction::derivative, x}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const auto refused_beta = [](double beta, std::vector<std::string> words) {
            words.insert(words.begin(), "rectify::softplus");
            return parameter_case<F>{F{beta, 20}, refused::everywhere, false, words};
        };
        const auto refused_threshold = [](double threshold, const char* shown) {
            return parameter_case<F>{F{1, threshold}, refused::everywhere, false,
                                     {"rectify::softplus", "threshold", shown, "not finite"}};
        };
        return {refused_beta(nan, {"beta", "nan", "not finite"}),
                refused_beta(inf, {"beta", "inf", "not finite"}),
                refused_beta(-inf, {"beta", "-inf", "not finite"}),
                refused_beta(0, {"beta", "> 0", "0"}),
                refused_beta(-1, {"beta", "> 0", "-1"}),
                refused_beta(-0.25, {"beta", "> 0", "-0.25"}),
                refused_threshold(nan, "nan"),
                refused_threshold(inf, "inf"),
                refused_threshold(-inf, "-inf"),
                {F{1e300, 20}, refused::everywhere, true, {"rectify::softplus", "beta", "1e+300", "not finite in float"}},
                {F{1, 1e300}, refused::everywhere, true, {"rectify::softplus", "threshold", "not finite in float"}},
                {F{1e-50, 20}, refused::everywhere, true, {"rectify::softplus", "beta", "1e-50", "0 in float"}},
                {F{1e-40, 20}, refused::everywhere, true, {"rectify::softplus", "1/beta", "not finite in float"}},
                {F{1e-3, -5}, refused::nowhere, false, {}},
                {F{1e30, 1e30}, refused::nowhere, false, {}}};
    }
};

}  // namespace rectify_test
