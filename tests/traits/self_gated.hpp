// tests/traits/self_gated.hpp — the contract SiLU, Mish, GELU and GELU's tanh form share: f(x) =
// x·g(x) with a gate g rising from 0 to 1, so f(−inf) = −0, f(+inf) = +inf, f(±0) = ±0, f' → −0
// below (f' has one zero, negative before it) and 1 above; within 1 ULP of the correctly rounded
// value everywhere; no kink, no parameter, no from-output rule. Each activation's traits derive from
// self_gated_traits and say what differs: name, formula and where the negative tail ends —
//   zero_below<T>      f(x) rounds to −0 at and below it
//   subnormal_at<T>    an input where f(x) and f'(x) are both subnormal
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"

#include <limits>
#include <vector>

namespace rectify_test {

template <class F, smooth::fn formula>
struct self_gated_traits {
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) || x > 0 ? x : -T(0));
        return smooth::value(formula, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : -T(0));
        // Below its zero (−1.28 at the lowest), f' is negative: where it underflows the reference's
        // range, −0.
        const auto v = smooth::value(formula, true, x, {});
        return x < -2 && smooth::is_zero(v) ? smooth::constant(-T(0)) : v;
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    /// −0 from below; f' → 0 from below too (−0).
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {-T(0), -T(0), approach::from_below, traits<F>::template zero_below<T>};
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
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        const T x = traits<F>::template subnormal_at<T>;
        return {{direction::forward, x}, {direction::derivative, x}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }
};

}  // namespace rectify_test
