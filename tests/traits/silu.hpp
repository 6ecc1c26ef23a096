// tests/traits/silu.hpp — SiLU's contract: f(x) = x·σ(x), f'(x) = σ(x)·(1 + x·σ(−x)), within 1 ULP
// of the correctly rounded value everywhere, the zero of f' at −1.2785 included; f(±0) = ±0; no
// kink; no from-output rule.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"
#include "elu.hpp"

#include <rectify/silu.hpp>

namespace rectify_test {

/// x·σ(x) rounds to −0 below these (|x|·e^x under half the smallest subnormal).
template <class T>
constexpr T silu_zero_below = sizeof(T) == sizeof(float) ? T(-110) : T(-755);

template <>
struct traits<rectify::silu> {
    using F = rectify::silu;
    static constexpr const char* name = "silu";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) || x > 0 ? x : -T(0));
        return smooth::value(smooth::fn::silu, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : -T(0));
        return smooth::value(smooth::fn::silu, true, x, {});
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    /// −0 from below; f' → 0 from below too (−0).
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {-T(0), -T(0), approach::from_below, silu_zero_below<T>};
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
    /// silu(−95) = −5.2e-40 (float), silu(−720) = −1.6e-310 (double); f' alike.
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {{direction::forward, exp_subnormal<T>}, {direction::derivative, exp_subnormal<T>}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }
};

}  // namespace rectify_test
