// rectify/math/tanh.hpp — tanh x and tanh'x = 1 − tanh²x, for scalars and batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded tanh x and 1 − tanh²x (tests/accuracy.cpp).
// Specials: NaN → NaN; tanh(±inf) = ±1; tanh(±0) = ±0; tanh'(±inf) = +0; subnormal results kept.
//
// Method: tanh|x| = M / (M + 2), M = e^(2|x|) − 1: one formula from 0 to saturation, no
// cancellation anywhere (M ≥ 0), relatively exact for tiny x (M = V = 2|x| + …, which is why V is
// carried as Vh + Vl here, with exp_neg_split's relatively exact q). With e^(2|x|) = 2^m·E, m ≥ 0,
// P = 2^m·(1 + Vh) = Ph + Pl exactly (Fast2Sum: 2^m ≥ |2^m·Vh|), and then
//     M = (Ph − 1) + [dropped] + Pl + 2^m·(Vl + L),   D = (Ph + 1) + [dropped] + Pl + 2^m·(Vl + L),
// each a Fast2Sum with its error kept (Ph ≥ 1). The quotient is rounded once: q = RN(Mh·rcp), its
// remainder Mh − q·Dh (exact with an fma), and tanh = q + (Mh − q·Dh + Ml − q·Dl)·rcp.
// Errors: the final rounding 0.5 ULP; r²·q is formed by two rounded products, 2^-23 of a term up
// to 0.18·|V|: ≤ 2^-25.5 relative to V, the largest part (at |x| ≈ 0.175, the m = 0/1 seam, where
// V is largest beside M); q's fit 2^-30.3, L, Vl and the quotient's correction ~2^-46.
// Sign: copied from x (−0 → −0, NaN → NaN).
// Saturation: |x| is clamped at 9.1 (float; tanh rounds to 1 above 9.011) / 19.1 (double, above
// 19.06), where m ≤ 27 / 56 and every sum above is still exact.
//
// tanh'x = 4·σ'(2x): sigmoid_derivative with its scale 4 (2x exact; ×4 exact before the one
// rounding, subnormal results included).
#pragma once

#include "sigmoid.hpp"

namespace rectify {
namespace math {

template <class S>
struct tanh_constants;
template <>
struct tanh_constants<float> {
    static constexpr float a_max = 9.1f;
};
template <>
struct tanh_constants<double> {
    static constexpr double a_max = 19.1;
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp

template <class T>
RECTIFY_INLINE T tanh(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using rectify::detail::mul_add;
    const T a = rectify::detail::at_most(rectify::detail::abs(x), T(tanh_constants<S>::a_max));  // NaN stays NaN
    const auto e = detail::exp_neg_split(T(a * T(-2)));  // e^2a = 2^m (1 + Vh + Vl + L)
    const T s = e.scale;
    const T b = s * e.vh;  // exact
    const T ph = s + b;
    const T pl = (s - ph) + b;
    const T small = mul_add(s, e.vl + e.lo, pl);
    const T mh = ph - T(1);
    const T ml = ((ph - mh) - T(1)) + small;
    const T dh = ph + T(1);
    const T dl = ((ph - dh) + T(1)) + small;
    const T rcp = rectify::detail::divide(T(1), dh);
    const T q = mh * rcp;
    const T rem = rectify::detail::neg_mul_add(q, dl, rectify::detail::residual(q, dh, mh) + ml);
    return rectify::detail::or_sign(mul_add(rem, rcp, q), x);
}

template <class T>
RECTIFY_INLINE T tanh_derivative(T x) noexcept {
    return sigmoid_derivative<4>(T(x + x));
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
