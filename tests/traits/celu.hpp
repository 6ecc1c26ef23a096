// tests/traits/celu.hpp — CELU's contract: f(x) = x > 0 ? x : α·expm1(x/α), f'(x) = x > 0 ? 1 :
// e^(x/α) (1 at x = 0, both sides), within 1 ULP of the correctly rounded value for every α > 0;
// from the output y > 0 ? 1 : y/α + 1, the formula in T; α > 0, 1/α finite in T, else refused.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"

#include <rectify/celu.hpp>

#include <algorithm>

namespace rectify_test {

template <>
struct traits<rectify::celu> {
    using F = rectify::celu;
    static constexpr const char* name = "celu";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F& f, T x) {
        if (std::isnan(x) || x > 0) return smooth::constant(x);
        if (std::isinf(x)) return smooth::constant(T(-f.alpha));
        if (x == 0) return smooth::constant(x);  // α·expm1(±0/α) = ±0
        return smooth::value(smooth::fn::celu, false, x, {1, f.alpha});
    }
    template <class T>
    static auto derivative(const F& f, T x) {
        if (std::isnan(x)) return smooth::constant(x);
        if (x >= 0) return smooth::constant(T(1));
        if (std::isinf(x)) return smooth::constant(T(0));
        return smooth::value(smooth::fn::celu, true, x, {1, f.alpha});
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    /// −α from above, reached where α·e^(x/α) is below a quarter ULP of α (x/α < −18.1 float,
    /// −38.2 double); f' = e^(x/α) is +0 from x/α < −746 on.
    template <class T>
    static tail<T> minus_inf(const F& f) {
        return {T(-f.alpha), T(0), approach::from_above, T(f.alpha * expm1_saturated_at<T>()),
                T(std::max(1000.0, 760 * f.alpha))};
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
    /// e^(x/α) subnormal at x/α = −95 (float), −720 (double).
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F& f) {
        return {{direction::derivative, T((sizeof(T) == sizeof(float) ? -95 : -720) * f.alpha)}};
    }
    /// x > 0 gives x and 1 exactly.
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::negative_half();
    }
    static std::vector<parameter_case<F>> parameter_cases() {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const auto refused_alpha = [](double alpha, std::vector<std::string> words) {
            words.insert(words.begin(), "rectify::celu");
            return parameter_case<F>{F{alpha}, refused::everywhere, false, words};
        };
        return {refused_alpha(nan, {"alpha", "nan", "not finite"}),
                refused_alpha(inf, {"alpha", "inf", "not finite"}),
                refused_alpha(-inf, {"alpha", "-inf", "not finite"}),
                refused_alpha(0, {"alpha", "> 0", "0"}),
                refused_alpha(-1, {"alpha", "> 0", "-1"}),
                {F{1e300}, refused::everywhere, true, {"rectify::celu", "alpha", "1e+300", "not finite in float"}},
                {F{1e-50}, refused::everywhere, true, {"rectify::celu", "alpha", "1e-50", "0 in float"}},
                {F{1e-40}, refused::everywhere, true, {"rectify::celu", "1/alpha", "not finite in float"}},
                {F{1e-3}, refused::nowhere, false, {}},
                {F{1e30}, refused::nowhere, false, {}}};
    }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y ≤ 0 means y = α·(e^(x/α) − 1), so e^(x/α) = y/α + 1: rounded twice in T, α rounded to T.
    template <class T>
    static exact_t<T> from_output(const F& f, T y) {
        return exactly(std::isnan(y) ? y : y > 0 ? T(1) : T(T(y / T(f.alpha)) + T(1)));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F& f) { return 1 / f.alpha; }

private:
    template <class T>
    static double expm1_saturated_at() {
        return sizeof(T) == sizeof(float) ? -19 : -39;
    }
};

}  // namespace rectify_test
