// rectify/math/mish.hpp — mish(x) = x·tanh(softplus(x)) and its derivative, for scalars and batches
// alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded values, the zero of mish' at −1.1924 included
//   (tests/accuracy.cpp).
// Specials: NaN → NaN; mish(−inf) = −0, mish(+inf) = +inf, mish(±0) = ±0; mish'(−inf) = −0,
//   mish'(+inf) = 1; subnormal results kept.
//
// Forward: tanh(log1p(e^x)) = ((1 + e)² − 1)/((1 + e)² + 1) = P/(P + 2), P = e·(2 + e), e = e^x:
// one quotient with no cancellation for any x (P > 0), no log. e = 2^m·(1 + Vh + Vl + L) from
// exp_neg_split at −x (V relatively exact: for x → −∞, mish ≈ x·e^x and e's relative error is the
// result's), carried with 2^k; x is clamped to [−110, 20] (float) in the exponent (tanh(sp) = 1
// in float above 9.1; P·2^64 < 2^125 at 20).
//   2 + e = g_h + g_l (TwoSum), P·2^k = e'·g = P_h + P_l (exact products),
//   P + 2 = D_h + D_l (TwoSum), T·2^k = P'/D: q = RN(P_h·rcp), remainder exact, corrected;
//   mish = x·T: x·q + x·(correction) in one rounding (x·q exact inside the fma), ×2^−k.
// Unscaled where T·x cannot be subnormal; a vector with a lane below −48, or with |x| < 2^-90
// (where x·(the correction) would be rounded into the subnormals on its own), recomputes with the
// scale. x itself (clamped below at −110: −inf gives −0) multiplies q, the clamped x the
// correction, so +inf gives +inf.
//
// Derivative: mish' = T + x·σ·(1 − T²) = e·N / D², N = (2 + e)·D + 4x·(1 + e), D = e² + 2e + 2
// (1 − T² = 4(1 + e)²/D², σ = e/(1 + e)). N, D², e·N as hi + lo (exact products, TwoSums), one
// corrected quotient. N vanishes at x0 = −1.1924312: within 0.15 (float; 0.03 double) of it a
// polynomial in d = x − x0 (as silu', math/silu.hpp; relative error 2^-28.2 float, 2^-60.5
// double); the generic path's e is exact to 2^-30, so N's cancellation costs little outside.
#pragma once

#include "silu.hpp"

namespace rectify {
namespace math {

template <class S>
struct mish_constants;
template <>
struct mish_constants<float> {
    static constexpr float x_min = -110.0f, x_max = 20.0f, sub_min = -48.0f, small = 0x1p-90f;
    static constexpr float x0_hi = -0x1.31432cp+0f, x0_lo = -0x1.a25b08p-29f;
    static constexpr float window = 0.15f;
    static constexpr float g0_hi = 0x1.115accp-2f, g0_lo = -0x1.7b5fe8p-27f;
    static constexpr float k_hi = 0x1.beb774p-31f, k_lo = 0x1.d2b4cp-56f;  // −x0_lo·g0_hi, exactly
    static constexpr int degree = 5;
    static constexpr float p[degree + 1] = {0x1.a34a26p-3f,  0x1.574f12p-5f,  -0x1.4c241cp-6f,
                                            -0x1.0337aap-6f, -0x1.b345d2p-9f, 0x1.228f7ep-10f};
};
template <>
struct mish_constants<double> {
    static constexpr double x_min = -760.0, x_max = 40.0, sub_min = -670.0, small = 0x1p-900;
    static constexpr double x0_hi = -0x1.31432c0d12d84p+0, x0_lo = -0x1.bf319154da210p-55;
    static constexpr double window = 0.03;
    static constexpr double g0_hi = 0x1.115acb42500bbp-2, g0_lo = 0x1.1ad72de557d4cp-56;
    static constexpr double k_hi = 0x1.dd827678b94b9p-57, k_lo = -0x1.a3f070fea7940p-111;
    static constexpr int degree = 8;
    static constexpr double p[degree + 1] = {0x1.a34a251d8ad7bp-3,  0x1.574f121a868dcp-5, -0x1.4c222fe64f0fdp-6,
                                             -0x1.03369d4aca675p-6, -0x1.b87ddeda51bb7p-9, 0x1.1e5e1999acbfbp-10,
                                             0x1.036fad829b760p-10, 0x1.0a5afc135fa4dp-12, 0x1.0255fd0576e67p-15};
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {
/// T·2^k = tanh(softplus(x))·2^k = q + corr·rcp, and the parts the derivative reuses.
template <class T>
struct tanh_softplus {
    T q, corr, rcp;
    T dh, dl;              // D = P + 2
    T eh, el, eh_s, el_s;  // e = e^x, unscaled and ×2^k
};
template <class T>
RECTIFY_INLINE tanh_softplus<T> tanh_softplus_scaled(T xc) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using rectify::detail::mul_add;
    using rectify::detail::two_prod_err;
    constexpr S down = carried_scale<S>::down;
    const auto e = exp_neg_split<carried_scale<S>::exponent>(T(-xc));  // e^x·2^k = 2^(m+k)·(1 + Vh + Vl + L)
    const T s = e.scale;
    const T b = s * e.vh;
    const T eh_s = s + b;
    const T el_s = mul_add(s, e.vl + e.lo, (s - eh_s) + b);
    const T eh = eh_s * T(down), el = el_s * T(down);
    const auto g = rectify::detail::two_sum(T(2), eh);
    const T gh = g.hi, gl = g.lo + el;
    const T ph = eh_s * gh;  // P·2^k
    const T pl = mul_add(eh_s, gl, mul_add(el_s, gh, two_prod_err(eh_s, gh, ph)));
    const auto d = rectify::detail::two_sum(T(2), T(ph * T(down)));
    const T dh = d.hi, dl = d.lo + pl * T(down);
    const T rcp = rectify::detail::divide(T(1), dh);
    const T q = ph * rcp;
    const T corr = rectify::detail::neg_mul_add(q, dl, rectify::detail::residual(q, dh, ph) + pl);
    return {q, corr, rcp, dh, dl, eh, el, eh_s, el_s};
}
}  // namespace detail

template <class T>
RECTIFY_INLINE T mish(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = mish_constants<S>;
    constexpr S down = carried_scale<S>::down;
    const T xl = rectify::detail::at_least(x, T(K::x_min));  // NaN stays NaN
    const T xc = rectify::detail::at_most(xl, T(K::x_max));
    const auto t = detail::tanh_softplus_scaled(xc);
    const T qu = t.q * T(down), cu = t.corr * T(down);
    T y = rectify::detail::product_plus(qu, xl, xc * (cu * t.rcp));  // x the operand that may be tiny
    const auto tiny = (xc < T(K::sub_min)) | (rectify::detail::abs(xc) < T(K::small));
    if (rectify::detail::any(tiny)) {
        y = rectify::detail::select(tiny, T(rectify::detail::product_plus(t.q, xl, xc * (t.corr * t.rcp)) * T(down)), y);
        y = rectify::detail::select(xc == T(0), xc, y);  // ±0: x·(the correction) may be +0 beside −0
    }
    return y;
}

template <class T>
RECTIFY_INLINE T mish_derivative(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using K = mish_constants<S>;
    using rectify::detail::mul_add;
    using rectify::detail::two_prod_err;
    using rectify::detail::two_sum;
    constexpr S down = carried_scale<S>::down;
    const T xc = rectify::detail::at_most(rectify::detail::at_least(x, T(K::x_min)), T(K::x_max));  // NaN stays
    const auto t = detail::tanh_softplus_scaled(xc);
    const auto g = two_sum(T(2), t.eh);
    const T gh = g.hi, gl = g.lo + t.el;
    const T dh = t.dh, dl = t.dl;
    // A = (2 + e)·D
    const T ah = gh * dh;
    const T al = mul_add(gh, dl, mul_add(gl, dh, two_prod_err(gh, dh, ah)));
    // B = 4x·(1 + e)
    const auto o = two_sum(T(1), t.eh);
    const T oh = o.hi, ol = o.lo + t.el;
    const T x4 = xc * T(4);
    const T bh = x4 * oh;
    const T bl = mul_add(x4, ol, two_prod_err(x4, oh, bh));
    // N = A + B
    const auto n = two_sum(ah, bh);
    const T nh = n.hi, nl = n.lo + (al + bl);
    // D²
    const T sh = dh * dh;
    const T sl = mul_add(dh + dh, dl, two_prod_err(dh, dh, sh));
    const T rcp = rectify::detail::divide(T(1), sh);
    const auto quotient = [&](T eh, T el) RECTIFY_INLINE_LAMBDA {  // e·N / D²
        const T mh = eh * nh;
        const T ml = mul_add(eh, nl, mul_add(el, nh, two_prod_err(eh, nh, mh)));
        const T q = mh * rcp;
        const T corr = rectify::detail::neg_mul_add(q, sl, rectify::detail::residual(q, sh, mh) + ml);
        return mul_add(corr, rcp, q);
    };
    T y = quotient(t.eh, t.el);
    const auto tiny = xc < T(K::sub_min);
    if (rectify::detail::any(tiny)) y = rectify::detail::select(tiny, T(quotient(t.eh_s, t.el_s) * T(down)), y);
    return rectify::detail::select(detail::in_window<K>(xc), detail::near_zero<K>(xc), y);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
