// tests/traits/sigmoid.hpp — the sigmoid's contract: f(x) = 1/(1 + e^−x), f'(x) = σ(x)·σ(−x),
// within 1 ULP of the correctly rounded value everywhere; f(±0) = 1/2; no kink; from the output
// y·(1 − y), the formula in T.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"
#include "elu.hpp"

#include <rectify/sigmoid.hpp>

namespace rectify_test {

/// σ(x) rounds to +0 below these (e^x < half the smallest subnormal) and to 1 above the others
/// (e^−x below a quarter ULP of 1).
template <class T>
constexpr T sigmoid_zero_below = sizeof(T) == sizeof(float) ? T(-105) : T(-746);
template <class T>
constexpr T sigmoid_one_above = sizeof(T) == sizeof(float) ? T(18) : T(38);

template <>
struct traits<rectify::sigmoid> {
    using F = rectify::sigmoid;
    static constexpr const char* name = "sigmoid";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : T(0));
        return smooth::value(smooth::fn::sigmoid, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : T(0));
        return smooth::value(smooth::fn::sigmoid, true, x, {});
    }
    static zero_rule zero(const F&) { return zero_rule::value; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {T(0), T(0), approach::from_above, sigmoid_zero_below<T>};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        return {T(1), T(0), approach::from_below, sigmoid_one_above<T>};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {};
    }
    /// σ(−95) = 5.5e-42 (float), σ(−720) = 2.2e-313 (double); σ' alike on both sides.
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {{direction::forward, exp_subnormal<T>},
                {direction::derivative, exp_subnormal<T>},
                {direction::derivative, -exp_subnormal<T>}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y·(1 − y), rounded twice in T (the rule the library states, not the exact σ').
    template <class T>
    static exact_t<T> from_output(const F&, T y) {
        return exactly(T(y * (T(1) - y)));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 1; }  // |1 − 2y| on [0, 1]
};

}  // namespace rectify_test
