// rectify/math/exp_core.hpp — e^−x as 2^n·(1 + V + L), the exponential the smooth activations
// (sigmoid, tanh, silu, softplus, mish, celu) are built on, for scalars and batches alike.
//
//   −x = n·ln2 + r + r_lo, n = round(−x·log2e), r exact (|r| ≤ 1.001·ln2/2), r_lo tiny;
//   V = e^r − 1 = r + r²·q(r);
//   L = r_lo·(1 + V): what r_lo adds (up to |n|·1.9e-9 relative in float, the whole 1 ULP budget
//       at |n| ≈ 25), which callers carry in a low part.
// The reduction works on x itself: u = x + n·ln2_f = −r, exact with a fused fma (the argument of
// math/exp.hpp's reduce()), so no negation is spent and q is evaluated at u with its odd
// coefficients negated. Without a fused fma: Cody-Waite (ln2_hi of 15 / 32 bits, n·ln2_hi exact),
// the rest added with a Fast2Sum, as reduce() does.
//
// Two sets of q:
//   exp_neg: V rounded once, q of degree 4 (float) fitted for the relative error of 1 + r + r²q
//     against e^r on |r| ≤ 1.001·ln2/2 (Remez, then float coefficients one at a time with the rest
//     refitted): 2^-28.2 of e^r. Enough where only E = 1 + V + L matters (σ, silu). V's rounding
//     is ≤ 2^-26 absolute, 2^-25.5 relative to E (E ≥ 0.7).
//   exp_neg_split: V as Vh + Vl (a Fast2Sum of −u and u²·q), with math/exp.hpp's degree-5 q
//     (relative error 4.3e-9 of q, ≤ 2^-30.3 of V), where V itself must be relatively exact (tanh
//     and celu's expm1, softplus's and mish's e^x for x → −∞). The fit above is not: small beside
//     e^r, its error is not small beside r near 0.
//   double: math/exp.hpp's degree-10 q (3.1e-18 relative) for both.
// Valid range: |n| < 2^(mantissa bits − 2); callers clamp x. NaN stays NaN.
#pragma once

#include "../detail/error_free.hpp"
#include "../detail/ops.hpp"
#include "exp.hpp"

#include <cstdint>

namespace rectify {
namespace math {

template <class S>
struct exp_core_constants;
template <>
struct exp_core_constants<float> {
    static constexpr float log2e = exp_constants<float>::log2e;
    static constexpr float ln2 = exp_constants<float>::ln2;
    static constexpr float ln2_tail = exp_constants<float>::ln2_tail;  // ln2 − ln2_f
    static constexpr float ln2_hi = exp_constants<float>::ln2_hi;      // Cody-Waite: 15 bits
    static constexpr float ln2_lo = exp_constants<float>::ln2_lo;
    static constexpr float shift = 0x1.8p23f + 127;  // z's low bits: n + bias
    static constexpr int mantissa_bits = 23;
    static constexpr int degree = 4;  // exp_neg's fitted q (see the top)
    static constexpr float q[degree + 1] = {0x1.fffffcp-2f, 0x1.55548cp-3f, 0x1.55585ap-5f, 0x1.123d5cp-7f,
                                            0x1.6ab784p-10f};
    static constexpr int split_degree = exp_constants<float>::degree;  // exp_neg_split's q
    static constexpr const float* split_q = exp_constants<float>::q;
};
template <>
struct exp_core_constants<double> {
    using C = exp_constants<double>;
    static constexpr double log2e = C::log2e;
    static constexpr double ln2 = C::ln2;
    static constexpr double ln2_tail = C::ln2_tail;
    static constexpr double ln2_hi = C::ln2_hi;
    static constexpr double ln2_lo = C::ln2_lo;
    static constexpr double shift = 0x1.8p52 + 1023;
    static constexpr int mantissa_bits = 52;
    static constexpr int degree = C::degree;
    static constexpr const double* q = C::q;
    static constexpr int split_degree = C::degree;
    static constexpr const double* split_q = C::q;
};

/// The power of two a kernel carries so that a result headed for the subnormals is rounded only
/// once, by the last product with `down`: 2^64 (float) / 2^256 (double), enough below for e^−x
/// down to the kernels' clamps and far from overflow above. scaled_one_bits: the exponent fields
/// of 2^exponent and of 2^0 added, (exponent + 2·bias) in the exponent field (a constant, not a
/// function: types stay outside the ISA namespace, and a function of theirs would be one symbol
/// shared by units built for different instruction sets).
template <class S>
struct carried_scale;
template <>
struct carried_scale<float> {
    static constexpr int exponent = 64;
    static constexpr std::uint32_t scaled_one_bits = std::uint32_t(exponent + 2 * 127) << 23;
    static constexpr float up = 0x1p64f, down = 0x1p-64f;
};
template <>
struct carried_scale<double> {
    static constexpr int exponent = 256;
    static constexpr std::uint64_t scaled_one_bits = std::uint64_t(exponent + 2 * 1023) << 52;
    static constexpr double up = 0x1p256, down = 0x1p-256;
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

/// c(−u) by Horner: the coefficients c[0..Degree] with the odd ones negated.
template <int Degree, int I = 0, class T, class S>
RECTIFY_INLINE T polynomial_at_minus(T u, const S* c) noexcept {
    const S ci = (I % 2 == 0) ? c[I] : -c[I];
    if constexpr (I == Degree)
        return T(ci);
    else
        return rectify::detail::mul_add(polynomial_at_minus<Degree, I + 1>(u, c), u, T(ci));
}

/// 2^−n from 2^(n + 0)'s bits, times 2^k: the exponent field of 2^(k−n) is (k + 2·bias) −
/// (n + bias), one integer subtraction modulo the width (2^n's own field may be out of range).
template <class T>
RECTIFY_INLINE T scaled_inverse_power(T power) noexcept {
    using C = carried_scale<rectify::detail::scalar_t<T>>;
    return rectify::detail::bits_rsub(C::scaled_one_bits, power);
}

template <class T>
struct reduced_neg {
    T scale, u, w;  // 2^(n + Offset) in its bits, u = −r exactly, w = r_lo
};
template <int Offset, class T>
RECTIFY_INLINE reduced_neg<T> reduce_neg(T x) noexcept {
    using K = exp_core_constants<rectify::detail::scalar_t<T>>;
    using rectify::detail::mul_add;
    const T z = mul_add(x, T(-K::log2e), T(K::shift + Offset));  // 2^(n + Offset) in its bits
    const T n = z - T(K::shift + Offset);
    const T scale = rectify::detail::shift_bits_left(z, K::mantissa_bits);
    if constexpr (rectify::detail::fused_fma<T>::value) {
        return {scale, mul_add(n, T(K::ln2), x), n * T(-K::ln2_tail)};  // u exact: see reduce()
    } else {
        const T u1 = mul_add(n, T(K::ln2_hi), x);  // exact (n·ln2_hi exact, Sterbenz)
        const T t = n * T(K::ln2_lo);
        const T u = u1 + t;
        return {scale, u, (u - u1) - t};  // −(what the sum dropped), exact (Fast2Sum)
    }
}

template <class T>
struct exp_parts {
    T scale;  // 2^n in its bits (the exponent field may be out of range where n is)
    T v, lo;  // V and L
};
/// e^−(x + x_lo) = 2^n·(1 + V + L), V rounded once, the fitted degree-4 q (float). x_lo (the low
/// part of an argument formed as hi + lo, ≤ 2^-20·|x|) joins r_lo.
template <class T>
RECTIFY_INLINE exp_parts<T> exp_neg(T x, T x_lo = T(0)) noexcept {
    using K = exp_core_constants<rectify::detail::scalar_t<T>>;
    const auto red = reduce_neg<0>(x);
    const T u = red.u;
    const T v = rectify::detail::mul_sub(u * u, polynomial_at_minus<K::degree>(u, K::q), u);  // r + r²q(r)
    const T w = red.w - x_lo;
    return {red.scale, v, rectify::detail::mul_add(w, v, w)};
}

template <class T>
struct exp_parts_split {
    T scale;
    T vh, vl;  // V = vh + vl, vh = RN(V), vl what it dropped (to 2^-48 of V)
    T lo;      // L = r_lo·(1 + V)
};
/// e^−(x + x_lo) = 2^n·(1 + Vh + Vl + L), V relatively exact; scale = 2^(n + Offset). Fitted:
/// the degree-4 q of exp_neg instead of the degree-5 one (e^−x to 2^-27 relative).
template <int Offset = 0, bool Fitted = false, class T>
RECTIFY_INLINE exp_parts_split<T> exp_neg_split(T x, T x_lo = T(0)) noexcept {
    using K = exp_core_constants<rectify::detail::scalar_t<T>>;
    const auto red = reduce_neg<Offset>(x);
    const T u = red.u;
    T q;
    if constexpr (Fitted)
        q = polynomial_at_minus<K::degree>(u, K::q);
    else
        q = polynomial_at_minus<K::split_degree>(u, K::split_q);
    const T p = (u * u) * q;  // r²q(r), |p| ≤ 0.066
    const T vh = p - u;       // Fast2Sum: |r| ≥ |p|
    const T vl = p - (vh + u);
    const T w = red.w - x_lo;
    return {red.scale, vh, vl, rectify::detail::mul_add(w, vh, w)};
}

}  // namespace detail
}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
