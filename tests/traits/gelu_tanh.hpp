// tests/traits/gelu_tanh.hpp — the tanh form of GELU: f(x) = ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))
// with the constants as real numbers, f' the derivative of that formula, within 1 ULP of the
// correctly rounded value everywhere, the negative tail and the zero of f' at −0.7525 included;
// f(±0) = ±0; no kink; no from-output rule.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"

#include <rectify/gelu_tanh.hpp>

namespace rectify_test {

/// x·σ(2u) rounds to −0 below these (under half the smallest subnormal from −10.77 / −21.55).
template <class T>
constexpr T gelu_tanh_zero_below = sizeof(T) == sizeof(float) ? T(-11) : T(-21.75);
/// gelu_tanh(−10.5) = −7.4e-43 (float), gelu_tanh(−21.25) = −1.7e-311 (double); f' alike.
template <class T>
constexpr T gelu_tanh_subnormal = sizeof(T) == sizeof(float) ? T(-10.5) : T(-21.25);

template <>
struct traits<rectify::gelu_tanh> {
    using F = rectify::gelu_tanh;
    static constexpr const char* name = "gelu_tanh";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) || x > 0 ? x : -T(0));
        return smooth::value(smooth::fn::gelu_tanh, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : -T(0));
        // Below its zero at −0.75, f' is negative: where it underflows the reference's range, −0.
        const auto v = smooth::value(smooth::fn::gelu_tanh, true, x, {});
        return x < -2 && smooth::is_zero(v) ? smooth::constant(-T(0)) : v;
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    /// −0 from below; f' → 0 from below too (−0).
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {-T(0), -T(0), approach::from_below, gelu_tanh_zero_below<T>};
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
        return {{direction::forward, gelu_tanh_subnormal<T>}, {direction::derivative, gelu_tanh_subnormal<T>}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }
};

}  // namespace rectify_test
