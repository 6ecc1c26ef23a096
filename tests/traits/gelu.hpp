// tests/traits/gelu.hpp — GELU's contract: f(x) = ½x·erfc(−x/√2), f'(x) = Φ(x) + x·φ(x), within
// 1 ULP of the correctly rounded value everywhere, the negative tail (no cancellation to 0) and the
// zero of f' at −0.7518 included; f(±0) = ±0; no kink; no from-output rule.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"

#include <rectify/gelu.hpp>

namespace rectify_test {

/// x·Φ(x) rounds to −0 below these (under half the smallest subnormal from −14.36 / −38.58).
template <class T>
constexpr T gelu_zero_below = sizeof(T) == sizeof(float) ? T(-14.5) : T(-38.75);
/// gelu(−13.5) = −1.1e-40 (float), gelu(−38) = −1.1e-314 (double); f' alike.
template <class T>
constexpr T gelu_subnormal = sizeof(T) == sizeof(float) ? T(-13.5) : T(-38);

template <>
struct traits<rectify::gelu> {
    using F = rectify::gelu;
    static constexpr const char* name = "gelu";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) || x > 0 ? x : -T(0));
        return smooth::value(smooth::fn::gelu, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : -T(0));
        // Below its zero at −0.75, f' is negative: where it underflows the reference's range, −0.
        const auto v = smooth::value(smooth::fn::gelu, true, x, {});
        return x < -2 && smooth::is_zero(v) ? smooth::constant(-T(0)) : v;
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    /// −0 from below; f' → 0 from below too (−0).
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {-T(0), -T(0), approach::from_below, gelu_zero_below<T>};
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
        return {{direction::forward, gelu_subnormal<T>}, {direction::derivative, gelu_subnormal<T>}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }
};

}  // namespace rectify_test
