// rectify/math/silu.hpp — silu(x) = x·σ(x) and silu'(x) = σ(x)·(1 + x·σ(−x)), for scalars and
// batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded values (tests/accuracy.cpp).
// Specials: NaN → NaN; silu(−inf) = −0, silu(+inf) = +inf, silu(±0) = ±0; silu'(−inf) = −0,
//   silu'(+inf) = 1; subnormal results kept.
//
// Forward: sigmoid's D = 2^−n + E and its corrected reciprocal rcp·(1 + c) (math/sigmoid.hpp);
// σ = uh·(1 + c), uh = 2^−n·rcp exact, and x·σ = x·uh + x·(uh·c) rounded once (one fma: x·uh is
// exact inside it). x is clamped below at −110 (float; x·σ(x) < 2^-150 there: −inf gives −0) and,
// in the exponent only, above at 40 (σ = 1), so x·uh = +inf for x = +inf. Where σ(x) is subnormal
// (x < −87.3 in float) uh is not exact: a vector with a lane below −48 recomputes with 2^k carried
// (as sigmoid does always), one more rounding at the end (≤ 0.75 ULP there).
// The exponential: V rounded once where the fma is fused (σ's own; ≤ 0.96 ULP over every float),
// V as Vh + Vl without (the plain one reaches 0.99 ULP with Dekker's products; split, 0.81).
//
// Derivative: two paths, selected per lane.
//  * Near its zero x0 = −1 − W(1/e) = −1.27846454… (|x − x0| ≤ 0.15 float, 0.03 double):
//    silu'(x0 + d) = d·G(d), G(d) = G(0) + d·P(d), G(0) = silu''(x0) as hi + lo, P a minimax
//    polynomial (relative error 2^-28.7 float, 2^-59.1 double), d = (x − x0_hi) − x0_lo, the first
//    difference exact (Sterbenz). y = g0_hi·d_h + [K_hi + (K_lo + d·(g0_lo + d·P))] with
//    K = −x0_lo·g0_hi exactly as K_hi + K_lo: at x = x0_hi, d_h = 0 and K is the whole result.
//    No cancellation: the result is d times a positive function.
//  * Elsewhere: σ(x) = th + tl and σ(−x) = 1 − σ(x) = uh + ul, K = 1 + x·σ(−x) = Kh + Kl (the
//    product exact, the sum a TwoSum), and silu' = th·Kh + (th·Kl + tl·Kh) rounded once. K still
//    cancels as x nears the window, by |x·σ(−x)|/|K| ≤ 10 at its edge, so e^−x is needed to
//    2^-30 relative here (V as Vh + Vl, the degree-5 q), and 2^−n + 1 exact for every n (1 − σ(x)
//    must stay exact for large x, where silu' = 1 + (x − 1)e^−x rounds above 1).
#pragma once

#include "sigmoid.hpp"

namespace rectify {
namespace math {

template <class S>
struct silu_constants;
template <>
struct silu_constants<float> {
    static constexpr float x_min = -110.0f, x_max = 40.0f;
    static constexpr float sub_min = -48.0f;  // above: uh·c and Dekker's terms are normal
    static constexpr float x0_hi = -0x1.474974p+0f, x0_lo = 0x1.bdf6fap-27f;
    static constexpr float window = 0.15f;
    static constexpr float g0_hi = 0x1.be1410p-3f, g0_lo = 0x1.1814a0p-29f;
    static constexpr float k_hi = -0x1.848b9ep-29f, k_lo = 0x1.49086p-54f;  // −x0_lo·g0_hi, exactly
    static constexpr int degree = 5;  // of P
    static constexpr float p[degree + 1] = {0x1.2c5634p-3f,  0x1.353eb6p-6f, -0x1.f2d1ap-7f,
                                            -0x1.b0f89ap-8f, 0x1.19662p-13f, 0x1.a2c988p-11f};
};
template <>
struct silu_constants<double> {
    static constexpr double x_min = -760.0, x_max = 50.0;  // |x|·e^x < 2^-1086; silu' = 1 above 50
    static constexpr double sub_min = -670.0;
    // e^−x is exact to 2^-60.8 on the generic path, so its K loses ≤ 2^-60.8/(0.7·0.03) relative at
    // the window's edge.
    static constexpr double x0_hi = -0x1.474973c84120bp+0, x0_lo = -0x1.f8d74bc9ac154p-54;
    static constexpr double window = 0.03;
    static constexpr double g0_hi = 0x1.be1410460527fp-3, g0_lo = -0x1.2541062177473p-58;
    static constexpr double k_hi = 0x1.b7d7537967aa6p-56, k_lo = 0x1.a0b4f232d0ac0p-113;
    static constexpr int degree = 8;
    static constexpr double p[degree + 1] = {0x1.2c563458cc0adp-3,  0x1.353eb573ca457p-6,  -0x1.f2d0e32bc2cf0p-7,
                                             -0x1.b0f82c49901b6p-8, 0x1.098e938b0fb03p-13, 0x1.a2a7cb144ac2dp-11,
                                             0x1.857010e6e3a77p-13, -0x1.5730585db07d6p-15, -0x1.a978251856e1ep-16};
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {
/// x0 + d ↦ d·G(d) near a zero x0 of a derivative: y = g0_hi·d_h + [K_hi + (K_lo + dd·(g0_lo +
/// dd·P(dd)))], d_h = x − x0_hi exact, dd = d_h − x0_lo (see the top of silu.hpp).
template <class K, class T>
RECTIFY_INLINE T near_zero(T xc) noexcept {
    using rectify::detail::mul_add;
    const T dh = xc - T(K::x0_hi);  // exact near x0
    const T dd = dh - T(K::x0_lo);
    const T pd = dd * rectify::math::detail::polynomial<K::degree>(dd, K::p);
    return rectify::detail::product_plus(T(K::g0_hi), dh, T(mul_add(dd, T(K::g0_lo) + pd, T(K::k_lo)) + T(K::k_hi)));
}
template <class K, class T>
RECTIFY_INLINE auto in_window(T xc) noexcept {
    return rectify::detail::abs(T((xc - T(K::x0_hi)) - T(K::x0_lo))) <= T(K::window);
}
}  // namespace detail

template <class T>
RECTIFY_INLINE T silu(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = silu_constants<S>;
    constexpr auto exp_kind = rectify::detail::fused_fma<T>::value ? detail::sigmoid_exp::rounded
                                                                   : detail::sigmoid_exp::split_fitted;
    const T xl = rectify::detail::at_least(x, T(K::x_min));  // NaN stays NaN
    const T xc = rectify::detail::at_most(xl, T(K::x_max));
    const auto k = detail::sigmoid_core_at<exp_kind>(xc);
    const T uh = k.inv * k.rcp;
    T y = rectify::detail::product_plus(uh, xl, xc * (uh * k.c));  // x the operand that may be tiny
    const auto tiny = xc < T(K::sub_min);
    if (rectify::detail::any(tiny)) {
        const T uh_s = k.inv_scaled * k.rcp;
        y = rectify::detail::select(
            tiny, T(rectify::detail::product_plus(uh_s, xl, xc * (uh_s * k.c)) * T(carried_scale<S>::down)), y);
    }
    return y;
}

template <class T>
RECTIFY_INLINE T silu_derivative(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = silu_constants<S>;
    using rectify::detail::mul_add;
    constexpr S down = carried_scale<S>::down;
    const T xc = rectify::detail::at_most(rectify::detail::at_least(x, T(K::x_min)), T(K::x_max));
    const auto k = detail::sigmoid_core_at<detail::sigmoid_exp::split_exact>(xc);
    // σ(x) = th + tl (scaled by 2^k for the product; unscaled for 1 − σ(x))
    const T th_s = k.inv_scaled * k.rcp, tl_s = th_s * k.c;
    const T th = k.inv * k.rcp, tl = tl_s * T(down);
    const T uh = T(1) - th;
    const T ul = ((T(1) - uh) - th) - tl;
    // K = 1 + x·σ(−x)
    const T ph = xc * uh;
    const T pl = mul_add(xc, ul, rectify::detail::two_prod_err(xc, uh, ph));
    const auto ks = rectify::detail::two_sum(T(1), ph);  // |ph| may exceed 1
    const T kh = ks.hi, kl = ks.lo + pl;
    const T y = rectify::detail::product_plus(kh, th_s, mul_add(th_s, kl, tl_s * kh)) * T(down);
    return rectify::detail::select(detail::in_window<K>(xc), detail::near_zero<K>(xc), y);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
