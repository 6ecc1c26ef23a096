// rectify/math/softplus.hpp — softplus(x) = (1/β)·log1p(e^(βx)), x where βx > threshold (PyTorch's
// rule), and its derivative σ(βx) (1 there), for scalars and batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x; β > 0 and
//   finite, 1/β finite, threshold finite (rectify::softplus checks them).
// Max error: 1 ULP against the correctly rounded values (tests/accuracy.cpp).
// Specials: NaN → NaN; softplus(−inf) = +0, softplus(+inf) = +inf, softplus(±0) = ln2/β rounded;
//   softplus'(−inf) = +0, softplus'(+inf) = 1; subnormal results kept.
//
// Method: with u = βx, softplus = (1/β)·(max(u, 0) + log1p(w)), w = e^−|u| ∈ (0, 1], and
//     log1p(w) = 2·atanh(t) = 2t + 2t·t²·P(t²),   t = w / (2 + w) ∈ (0, 1/3],
// P a minimax polynomial in t² (relative error of 2·atanh 2^-30.8 float, 2^-58.7 double): no log
// range reduction, w ≤ 1. The terms:
//  * w = 2^n·(1 + Vh + Vl + L) from exp_neg_split (V relatively exact: w is the result for large
//    |u|), carried as w_h + w_l with 2^k (subnormal results: softplus(−100) = 3.7e-44 in float);
//  * t = t_h + t_l: t_h = w_h·RN(1/g_h), g = 2 + w = g_h + g_l (Fast2Sum), the remainder
//    w_h − t_h·g_h (exact with an fma) gives t_l = (rem + w_l − t_h·g_l)/g_h;
//  * log1p(w) = L_h + L_l, L_h = 2t_h (exact), L_l = 2t_l + 2t_h·t²·P (≤ 0.037 of the result, so
//    its own roundings are ≤ 2^-28 of it);
//  * max(u, 0) + L_h by a TwoSum (u < L_h is possible), the rest added last: one rounding.
// β ≠ 1: u = βx as u_h + u_l (an exact product, β as hi + lo), u_l folded into the reduction's
// r_lo and into max(u, 0); then (1/β)·S with 1/β as hi + lo, rounded once. β = 1 has its own
// kernel without those (softplus_unit).
// Cut-off: βx > min(threshold, 40) gives x: the formula rounds to x there anyway (log1p(e^−u)/u
// < 2^-60 for u > 40), and 2^k·max(u, 0) cannot overflow below it. βx is the product rounded to
// the element type, as PyTorch forms it.
// Derivative: σ(βx) = math::sigmoid at u_h with u_l in r_lo (σ(u_h) alone would be off by up to
// 2^-22 relative at u ≈ −4).
#pragma once

#include "sigmoid.hpp"

#include <cmath>

namespace rectify {
namespace math {

template <class S>
struct softplus_constants;
template <>
struct softplus_constants<float> {
    static constexpr float a_max = 110.0f;  // log1p(e^-110) < 2^-158
    static constexpr int degree = 4;
    static constexpr float p[degree + 1] = {0x1.555558p-2f, 0x1.9996bp-3f, 0x1.2508bap-3f, 0x1.b6e5dcp-4f,
                                            0x1.f17718p-4f};
};
template <>
struct softplus_constants<double> {
    static constexpr double a_max = 750.0;
    static constexpr int degree = 9;
    static constexpr double p[degree + 1] = {0x1.5555555555535p-2, 0x1.99999999a06dcp-3, 0x1.24924920902efp-3,
                                             0x1.c71c741a7b0dap-4, 0x1.745cb448e8423p-4, 0x1.3b1dd52114468p-4,
                                             0x1.10681b0e27a95p-4, 0x1.efd2d0aff5571p-5, 0x1.55c9a88f8c9c8p-5,
                                             0x1.5c618dbad50e8p-4};
};

/// β and 1/β as hi + lo in S, the cut-off min(threshold, 40), and x_min: below it β·x < −a_max
/// (the result is +0, and β·x cannot overflow).
template <class S>
struct softplus_parameters {
    S beta_hi, beta_lo, inverse_hi, inverse_lo, cut, x_min;
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp

template <class S>
inline softplus_parameters<S> softplus_parameters_for(double beta, double threshold) noexcept {
    softplus_parameters<S> k;
    k.beta_hi = S(beta);
    k.beta_lo = S(beta - double(k.beta_hi));
    k.inverse_hi = S(1 / beta);
    // 1 − β·inverse_hi rounded once (the fma's product is exact), over β: 1/β's remainder.
    k.inverse_lo = S(std::fma(-beta, double(k.inverse_hi), 1.0) / beta);
    k.cut = threshold < 40 ? S(threshold) : S(40);
    k.x_min = S(-double(softplus_constants<S>::a_max) / beta);
    return k;
}

namespace detail {
template <class T>
struct scaled_sum {
    T hi, lo;
};
/// 2^k·softplus(u_h + u_l) for β = 1, as hi + lo (see the top).
template <class T>
RECTIFY_INLINE scaled_sum<T> softplus_scaled(T uh, T ul) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = softplus_constants<S>;
    using rectify::detail::mul_add;
    constexpr S up = carried_scale<S>::up, down = carried_scale<S>::down;
    const T a = rectify::detail::at_most(rectify::detail::abs(uh), T(K::a_max));  // NaN stays NaN
    const T a_lo = rectify::detail::select(uh < T(0), T(-ul), ul);  // |u| = a + sign(u)·u_l
    const auto e = exp_neg_split<carried_scale<S>::exponent>(a, a_lo);  // w = e^−|u|, V relatively exact
    const T s = e.scale, b = s * e.vh, small = e.vl + e.lo;
    const T wh = s + b;                                  // 2^k·w, hi
    const T wl = mul_add(s, small, (s - wh) + b);        // lo
    const T wu = wh * T(down);                           // w (for 2 + w only)
    const T gh = T(2) + wu;
    const T gl = ((T(2) - gh) + wu) + wl * T(down);
    const T rg = rectify::detail::divide(T(1), gh);
    const T th = wh * rg;
    const T tl = rectify::detail::neg_mul_add(th, gl, rectify::detail::residual(th, gh, wh) + wl) * rg;
    const T t1 = th * T(down);
    const T t2 = t1 * t1;
    const T lh = th + th;
    const T ll = mul_add(lh * t2, polynomial<K::degree>(t2, K::p), tl + tl);
    // + 2^k·max(u, 0): a TwoSum (max(u, 0) may be below L_h)
    const auto pos = uh > T(0);
    const T xh = rectify::detail::select(pos, T(uh * T(up)), T(0)), xl = rectify::detail::select(pos, T(ul * T(up)), T(0));
    const auto sum = rectify::detail::two_sum(xh, lh);
    return {sum.hi, sum.lo + (ll + xl)};
}
}  // namespace detail

/// softplus with β = 1: log1p(e^x), x where x > cut = min(threshold, 40).
template <class T>
RECTIFY_INLINE T softplus_unit(T x, rectify::detail::scalar_t<T> cut) noexcept {
    using S = rectify::detail::scalar_t<T>;
    const auto sp = detail::softplus_scaled(x, T(0));
    const T y = (sp.hi + sp.lo) * T(carried_scale<S>::down);
    return rectify::detail::select(x > T(cut), x, y);
}
/// σ(x), 1 where x > cut.
template <class T>
RECTIFY_INLINE T softplus_unit_derivative(T x, rectify::detail::scalar_t<T> cut) noexcept {
    return rectify::detail::select(x > T(cut), T(1), math::sigmoid(x));
}

/// (1/β)·log1p(e^(βx)), x where βx > cut.
template <class T>
RECTIFY_INLINE T softplus(T x, const softplus_parameters<rectify::detail::scalar_t<T>>& k) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using rectify::detail::mul_add;
    const T xc = rectify::detail::at_least(x, T(k.x_min));
    const T uh = T(k.beta_hi) * xc;
    const T ul = mul_add(T(k.beta_lo), xc, rectify::detail::two_prod_err(T(k.beta_hi), xc, uh));
    const auto sp = detail::softplus_scaled(uh, ul);
    const T y = rectify::detail::product_plus(T(k.inverse_hi), sp.hi,
                                              mul_add(T(k.inverse_hi), sp.lo, T(k.inverse_lo) * sp.hi)) *
                T(carried_scale<S>::down);
    // The cut-off on β·x itself (PyTorch's product), not on the clamped x.
    return rectify::detail::select(T(k.beta_hi) * x > T(k.cut), x, y);
}
/// σ(βx), 1 where βx > cut.
template <class T>
RECTIFY_INLINE T softplus_derivative(T x, const softplus_parameters<rectify::detail::scalar_t<T>>& k) noexcept {
    const T xc = rectify::detail::at_least(x, T(k.x_min));
    const T uh = T(k.beta_hi) * xc;
    const T ul = rectify::detail::mul_add(T(k.beta_lo), xc, rectify::detail::two_prod_err(T(k.beta_hi), xc, uh));
    return rectify::detail::select(T(k.beta_hi) * x > T(k.cut), T(1), math::sigmoid(uh, ul));
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
