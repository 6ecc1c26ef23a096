// rectify/math/sigmoid.hpp — σ(x) = 1/(1 + e^−x) and Scale·σ'(x), σ' = σ(x)·σ(−x), for scalars and
// batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded σ(x) and σ'(x) (tests/accuracy.cpp: every float,
//   10^7 doubles against MPFR); the budget below is ≤ 0.9 ULP.
// Specials: NaN → NaN; σ(−inf) = +0, σ(+inf) = 1, σ(±0) = 1/2; σ'(±inf) = +0; subnormal results
//   (σ(−100) = 3.7e-44 in float) are kept.
//
// Method: one formula for every x, no select between a positive and a negative branch. With
// e^−x = 2^n·E (exp_core.hpp: E = 1 + V + L, r exact),
//     σ(x) = 2^−n / D,   D = 2^−n + E = 2^−n + 1 + V + L,
// numerator and denominator divided by 2^n, so that the numerator is a power of two (exact) and
// D ∈ [0.7, 2^45]. D is formed exactly as D_hi + D_lo: 2^−n + 1 is exact for |n| ≤ 24 (for
// n > 24 what it dropped of 2^−n is kept; for n < −24 the dropped 1 costs ≤ 0.21 ULP where σ is
// within 2^-24.5 of 1), then a Fast2Sum with V (2^−n + 1 ≥ 1 > |V|). The reciprocal is rounded
// once and corrected by one Newton step on its remainder:
//     rcp = RN(1/D_hi), c = (1 − rcp·D_hi) − rcp·D_lo   (the first term exact with an fma),
//     1/D = rcp·(1 + c) to 2^-46,   σ = 2^−n·RN(rcp + rcp·c)   (the product exact, or rounded
//     once into the subnormals: ≤ 0.75 ULP there, the first rounding included).
// Errors (float): the last rounding 0.5 ULP; V's rounding ≤ 2^-25.5 relative to E: ≤ 0.35 ULP (a
// relative error δ before the last rounding costs at most δ/2^-24 ULP); q's fit 2^-28.2: ≤ 0.05;
// the rest ~2^-44.
// 2^−n comes with 2^k carried (exp_core.hpp's carried_scale), so that it exists down to the
// clamp, then one product by 2^−k (exact, or rounded into the subnormals where 2^−n is negligible
// in D anyway).
//
// Derivative: σ'(x) = t·(1 − t), t = σ(−|x|) = th + tl from the same kernel at −|x| (n ≥ 0, so
// t ≤ 1/2 is the exact one), 1 − t = uh + ul by a Fast2Sum, and the product of the two pairs
// rounded once. Not σ·(1 − σ), which cancels for x ≫ 0, nor e/(1 + e)², two more roundings.
#pragma once

#include "exp_core.hpp"

namespace rectify {
namespace math {

template <class S>
struct sigmoid_constants;
template <>
struct sigmoid_constants<float> {
    static constexpr float x_min = -110.0f;  // σ(x) < 2^-158 below: rounds to +0 (also 4σ'(x))
    static constexpr float x_max = 30.0f;    // σ(x) > 1 − 2^-43: rounds to 1
};
template <>
struct sigmoid_constants<double> {
    static constexpr double x_min = -750.0;  // < 2^-1080: rounds to +0 (also 4σ'(x))
    static constexpr double x_max = 40.0;    // 1 − e^-40 rounds to 1
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

/// The corrected reciprocal of D = 2^−n + E at x: 1/D = rcp·(1 + c); inv = 2^−n and
/// inv_scaled = 2^(k−n) (k the carried scale's exponent).
template <class T>
struct sigmoid_core {
    T inv_scaled, inv, rcp, c;
};
enum class sigmoid_exp {
    rounded,       // exp_neg: V rounded once, the fitted q (σ, and silu where the fma is fused)
    split_fitted,  // V as Vh + Vl, the same q: e^−x to 2^-27 (silu without a fused fma)
    split_exact,   // V as Vh + Vl, the degree-5 q, and 2^−n + 1 by a TwoSum, exact for n < −24
                   // too: silu', where 1 − σ(x) must stay exact for large x
};
/// x_lo: the low part of an argument formed as x + x_lo (softplus' β·x), joined to r_lo.
template <sigmoid_exp Exp, class T>
RECTIFY_INLINE sigmoid_core<T> sigmoid_core_at(T xc, T x_lo = T(0)) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using rectify::detail::mul_add;
    T scale, v, lo;
    if constexpr (Exp == sigmoid_exp::rounded) {
        const auto e = exp_neg(xc, x_lo);
        scale = e.scale, v = e.v, lo = e.lo;
    } else {
        const auto e = exp_neg_split<0, Exp == sigmoid_exp::split_fitted>(xc, x_lo);
        scale = e.scale, v = e.vh, lo = e.vl + e.lo;
    }
    const T inv_scaled = scaled_inverse_power(scale);
    const T inv = inv_scaled * T(carried_scale<S>::down);
    T ab, ab_lo;  // 2^−n + 1
    if constexpr (Exp == sigmoid_exp::split_exact) {
        const auto s = rectify::detail::two_sum(inv, T(1));
        ab = s.hi, ab_lo = s.lo;
    } else {  // exact but for n < −24, where σ is within 2^-24.5 of 1
        ab = inv + T(1);
        ab_lo = inv - (ab - T(1));
    }
    const T d_hi = ab + v;  // Fast2Sum: ab ≥ 1 > |V|
    const T d_lo = ((ab - d_hi) + v) + (ab_lo + lo);
    const T rcp = rectify::detail::divide(T(1), d_hi);
    const T c = rectify::detail::neg_mul_add(rcp, d_lo, rectify::detail::residual(rcp, d_hi, T(1)));
    return {inv_scaled, inv, rcp, c};
}

}  // namespace detail

/// σ(x + x_lo), x_lo the low part of an argument formed as hi + lo (≤ 2^-23·|x|), else 0.
template <class T>
RECTIFY_INLINE T sigmoid(T x, T x_lo = T(0)) noexcept {
    using K = sigmoid_constants<rectify::detail::scalar_t<T>>;
    const T xc = rectify::detail::at_most(rectify::detail::at_least(x, T(K::x_min)), T(K::x_max));  // NaN stays
    const auto k = detail::sigmoid_core_at<detail::sigmoid_exp::rounded>(xc, x_lo);
    return k.inv * rectify::detail::mul_add(k.rcp, k.c, k.rcp);
}

/// Scale·σ'(x) for Scale a power of two ≤ 2^60 (tanh'(x) = 4σ'(2x)), rounded once.
/// t = σ(−|x|) = th + tl (th = 2^−n·rcp exact, tl = th·c) and u = 1 − t = uh + ul (Fast2Sum:
/// uh = RN(1 − th), ul what it dropped, minus tl) are known to 2^-46; t·u = th·uh + (th·ul + tl·uh)
/// rounded once. th carries 2^k (subnormal results: σ'(±100) = 3.7e-44 in float), so the last
/// product by 2^−k is the one rounding there.
template <int Scale = 1, class T>
RECTIFY_INLINE T sigmoid_derivative(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = sigmoid_constants<S>;
    using rectify::detail::mul_add;
    constexpr S down = carried_scale<S>::down;
    constexpr S unscale = S(Scale) * carried_scale<S>::down;
    const T a = rectify::detail::at_least(T(-rectify::detail::abs(x)), T(K::x_min));  // −|x|; NaN stays NaN
    const auto k = detail::sigmoid_core_at<detail::sigmoid_exp::rounded>(a);
    const T th_s = k.inv_scaled * k.rcp;  // t·2^k, exact
    const T tl_s = th_s * k.c;
    const T th = k.inv * k.rcp;  // t unscaled: exact unless t is subnormal, where u = 1 anyway
    const T uh = T(1) - th;
    const T ul = ((T(1) - uh) - th) - tl_s * T(down);
    return rectify::detail::product_plus(uh, th_s, mul_add(th_s, ul, tl_s * uh)) * T(unscale);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
