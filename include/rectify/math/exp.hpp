// rectify/math/exp.hpp — c·(e^x − 1) and c·e^x for x ≤ 0, to within 1 ULP, for the negative side
// of ELU and SELU and their derivatives.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>.
// Valid range: x ≤ 0 (the only side ELU and SELU need); the result for x > 0 is unspecified.
// Max error: 1 ULP against the correctly rounded c·(e^x − 1) and c·e^x, with c held as hi + lo
//   (tests/accuracy.cpp checks it over every float32 x ≤ 0 and 10^7 float64 x).
// Specials: NaN → NaN; −inf → −c (expm1) and +0 (exp); ±0 → +0 (expm1: callers take c·±0 from
//   their linear side, which agrees there) and c (exp); subnormal x → c·x rounded; subnormal
//   results are computed, never flushed.
// Saturation: c·expm1 uses x clamped at −21 (float) / −42 (double), where e^x < 2^-30·c and the
//   result is −c rounded; c·e^x uses x clamped at −130 / −1000, below which c·e^x rounds to 0 for
//   any c < 7e11 (float) / 1e170 (double).
//
// Method: x = n·ln2 + r, |r| ≤ ln2/2, r kept as an exact r_hi and a small r_lo (a fused fma with
// ln2 rounded, or Cody-Waite where the fma is not fused: see reduce()). e^r − 1 = r + r²·q(r),
// q a degree-5 (float) / degree-10 (double) minimax polynomial for (e^r − 1 − r)/r² (relative
// error 4.3e-9 / 3.1e-18, from sollya's fpminimax on |r| ≤ 1.001·ln2/2). The large parts are
// added exactly (Fast2Sum), everything small goes into one tail, and the constant c = c.hi + c.lo
// multiplies it all before a single final rounding (a fused fma or Dekker's product). One float
// per constant would cost up to 1.5 ULP more: SELU's λα rounded to float alone is 0.4 ULP off.
// expm1(x), the case c = 1 (ELU's default), needs no exact sum and takes a shorter route: see it.
#pragma once

#include "../detail/ops.hpp"

namespace rectify {
namespace math {

template <class S>
struct exp_constants;

template <>
struct exp_constants<float> {
    static constexpr float log2e = 0x1.715476p+0f;
    static constexpr float ln2 = 0x1.62e430p-1f;  // ln2 rounded; ln2 + ln2_tail to ~2^-54
    static constexpr float ln2_tail = -0x1.05c61p-29f;
    static constexpr float ln2_hi = 0x1.62e4p-1f;  // 15 significant bits: n·ln2_hi exact, |n| < 512
    static constexpr float ln2_lo = 0x1.7f7d1cp-20f;
    static constexpr float round_shift = 0x1.8p23f;  // z + round_shift rounds z to an integer
    static constexpr int mantissa_bits = 23;
    static constexpr int exponent_bias = 127;
    static constexpr float expm1_min = -21.0f;
    static constexpr float exact_one_minus_s_min = -16.5f;  // 1 − 2^n is exact for x ≥ this (n ≥ −24)
    static constexpr float exp_min = -130.0f;
    static constexpr int exp_scale_shift = 64;  // e^x is scaled by 2^64 until the last product
    static constexpr float exp_unscale = 0x1p-64f;
    static constexpr int degree = 5;
    static constexpr float q[degree + 1] = {0x1p-1f,         0x1.555556p-3f,  0x1.555502p-5f,
                                            0x1.110ff4p-7f,  0x1.6d2e2cp-10f, 0x1.a2629cp-13f};
    // expm1 (no constant) has room for a shorter q: relative error 1.4e-7 (see expm1 below).
    static constexpr int unit_degree = 4;
    static constexpr float unit_q[unit_degree + 1] = {0x1p-1f, 0x1.5554dcp-3f, 0x1.5555bap-5f,
                                                      0x1.120b9cp-7f, 0x1.6c6a1cp-10f};
};

template <>
struct exp_constants<double> {
    static constexpr double log2e = 0x1.71547652b82fep+0;
    static constexpr double ln2 = 0x1.62e42fefa39efp-1;
    static constexpr double ln2_tail = 0x1.abc9e3b39803fp-56;
    static constexpr double ln2_hi = 0x1.62e42feep-1;  // 32 significant bits (fdlibm)
    static constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
    static constexpr double round_shift = 0x1.8p52;
    static constexpr int mantissa_bits = 52;
    static constexpr int exponent_bias = 1023;
    static constexpr double expm1_min = -42.0;
    static constexpr double exact_one_minus_s_min = -36.0;  // n ≥ −52
    static constexpr double exp_min = -1000.0;
    static constexpr int exp_scale_shift = 500;
    static constexpr double exp_unscale = 0x1p-500;
    static constexpr int degree = 10;
    static constexpr double q[degree + 1] = {
        0x1p-1,           0x1.5555555555557p-3,  0x1.5555555555552p-5, 0x1.1111111110048p-7,
        0x1.6c16c16c1893ap-10, 0x1.a01a01ac255f6p-13, 0x1.a01a0197bcc5fp-16, 0x1.71de01901e4e3p-19,
        0x1.27e500d177adep-22, 0x1.af4f0e5ea0aep-26,  0x1.1f3326405cdabp-29};
    static constexpr int unit_degree = degree;
    static constexpr const double* unit_q = q;
};

/// A constant as an unevaluated sum hi + lo of two values of S: c to about 2^-48 (float).
template <class S>
struct split_constant {
    S hi, lo;
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
template <class S>
constexpr split_constant<S> split(double c) noexcept {
    return {static_cast<S>(c), static_cast<S>(c - static_cast<double>(static_cast<S>(c)))};
}
namespace detail {
using rectify::detail::mul_add;
using rectify::detail::select;

// x = n·ln2 + r_hi + r_lo exactly enough: r_hi is exact, |r_hi| ≤ ln2/2 (a hair more), and r_lo
// is a small correction; scale = 2^(n + offset).
// With a fused fma (one rounding), r_hi = fma(n, −ln2_f, x) with ln2_f = ln2 rounded to S is
// exact: n·ln2_f is a multiple of ulp(ln2_f) and x of ulp(x) ≥ ulp(ln2_f)/2 wherever n ≠ 0, so
// x − n·ln2_f is a multiple of ulp(ln2_f)/2 below 1/2 in size, which S holds. What ln2_f misses
// is r_lo = −n·(ln2 − ln2_f): |r_lo| ≤ |n|·1.9e-9 (float). Five operations.
// Without one, n·ln2 must be exact on its own (Cody-Waite: ln2_hi has 15 / 32 bits), the far
// bigger n·ln2_lo (up to |n|·1.4e-6) is added with Fast2Sum, and r_lo is what that sum dropped.
template <class T>
struct reduced {
    T scale, r_hi, r_lo;
};
template <int ScaleOffset, class T>
RECTIFY_INLINE reduced<T> reduce(T x) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    // z's low significand bits hold n + bias + offset once round_shift is added, so shifting
    // them into the exponent field gives 2^(n + offset) with no float-to-int conversion.
    constexpr auto shift = C::round_shift + (C::exponent_bias + ScaleOffset);
    const T z = detail::mul_add(x, T(C::log2e), T(shift));
    const T n = z - T(shift);
    const T scale = rectify::detail::shift_bits_left(z, C::mantissa_bits);
    if constexpr (rectify::detail::fused_fma<T>::value) {
        return {scale, detail::mul_add(n, T(-C::ln2), x), n * T(-C::ln2_tail)};
    } else {
        const T t = detail::mul_add(n, T(-C::ln2_hi), x);  // exact (Cody-Waite, Sterbenz)
        const T t_lo = n * T(-C::ln2_lo);
        const T r = t + t_lo;  // Fast2Sum: what the sum dropped is exact
        return {scale, r, t_lo - (r - t)};
    }
}

// c·(u + w) rounded once, u the large part and w the small: c.hi·u exact inside the final fma
// (or Dekker's product), c.lo·u only where c is not exact in the element type (α = 1 is).
template <class T>
RECTIFY_INLINE T times_constant(split_constant<rectify::detail::scalar_t<T>> c, T u, T w) noexcept {
    const T cw = c.lo == 0 ? T(c.hi) * w : detail::mul_add(T(c.lo), u, T(c.hi) * w);
    return rectify::detail::product_plus(T(c.hi), u, cw);
}

// k·q(r), q(r) ≈ (e^r − 1 − r)/r² with the coefficients c[0..Degree], by Horner from c[I] up.
// Unrolled by the template, not left to the compiler: GCC 12 at -O2 kept a loop over the
// coefficients (a load and a branch per multiply-add). k·c[i] is rounded once per coefficient,
// a relative error of 2^-24 (float) in terms that are at most a third of q: k need not be exact.
template <int Degree, int I = 0, class T, class S>
RECTIFY_INLINE T polynomial(T r, const S* c, S k = S(1)) noexcept {
    if constexpr (I == Degree)
        return T(k * c[I]);
    else
        return detail::mul_add(polynomial<Degree, I + 1>(r, c, k), r, T(k * c[I]));
}
template <class T>
RECTIFY_INLINE T expm1_tail(T r) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    return polynomial<C::degree>(r, C::q);
}
}  // namespace detail

/// c·(e^x − 1) for x ≤ 0, c = c.hi + c.lo; ≤ 1 ULP (see the top of this file).
template <class T>
RECTIFY_INLINE T scaled_expm1(T x, split_constant<rectify::detail::scalar_t<T>> c) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using C = exp_constants<S>;
    const T xc = rectify::detail::at_least(x, T(C::expm1_min));  // NaN stays NaN
    const auto red = detail::reduce<0>(xc);
    const T s = red.scale, r = red.r_hi;
    const T q = detail::polynomial<C::degree>(r, C::q, c.hi);  // c.hi·q(r)
    // e^x − 1 = (s·r − (1 − s)) + s·r²·q + s·r_lo·e^r, s = 2^n, n ≤ 0.
    const T sr = s * r;                  // exact
    const T one_minus_s = T(1) - s;      // exact unless n < −24 (float), then rounds to 1
    const T u_hi = sr - one_minus_s;     // Fast2Sum: |1 − s| ≥ |s·r| for n ≤ −1; n = 0 is trivial
    T small = sr - (u_hi + one_minus_s);
    // What 1 − s dropped (0 or s, exact) matters only below x ≈ −16.6 (float), rare in practice:
    // a vector pays its three operations only when one of its lanes is there.
    if (rectify::detail::any(xc < T(C::exact_one_minus_s_min)))
        small = small + (s - (T(1) - one_minus_s));
    // s·r_lo·e^r. For float with a fused fma, r_lo = −n·(ln2 − ln2_f) and |s·r_lo| ≤ 2^-30 beside
    // results ≥ 0.29 (n = −1 is the worst): 0.032 ULP at most, left out, two operations saved.
    // Elsewhere it stays, as r_lo·(1 + r): r_lo can be half an ulp of r (Cody-Waite), and for
    // double ln2's tail is 0.4 ULP-sized.
    constexpr bool drop_r_lo = rectify::detail::fused_fma<T>::value && sizeof(S) == 4;
    if constexpr (!drop_r_lo) small = detail::mul_add(s, detail::mul_add(red.r_lo, r, red.r_lo), small);
    // c·(u_hi + small + s·r²·q) = c.hi·u_hi + [s·r²·(c.hi·q) + (c.hi·small + c.lo·u_hi)]: the
    // polynomial carries c.hi in its coefficients, so the tail is rounded once, beside terms
    // below 2^-23 of it. Rounding the tail on its own and then multiplying it by c.hi would round
    // it twice, a second error that reaches the final result.
    const T small_c = c.lo == 0 ? T(c.hi) * small : detail::mul_add(T(c.hi), small, T(c.lo) * u_hi);
    const T tail = detail::mul_add(sr * r, q, small_c);
    return rectify::detail::product_plus(T(c.hi), u_hi, tail);
}

/// e^x − 1 for x ≤ 0: scaled_expm1 with c = 1 (ELU's default α) in fewer operations; ≤ 1 ULP,
/// with less margin than scaled_expm1 leaves (tests/accuracy.cpp checks every float x ≤ 0).
/// e^x − 1 = (s − 1) + s·V, V = e^r − 1 = r + r²·q(r). s − 1 is exact (n ≥ −24 in float) and so
/// is s·V, so one fused multiply-add rounds once; V's own rounding is the only other error: the
/// whole of the 0.5 ULP budget where n = 0 (the result is V), at most 1/4 ULP where n ≤ −1 (there
/// |s·V| < |result|, so ulp(s·V) ≤ ulp(result)/2). The exact split sum scaled_expm1 needs for the
/// product with c is not needed, and float's q can be degree 4 (relative error 1.4e-7; r²·q is at
/// most 0.21 of the result where it counts). Worst cases: n = −1 with r ≈ 0.29, and n = 0 where
/// the result sits just below −1/4. For n ≤ −25 (x < −16.9) s − 1 rounds to −1, and so does the
/// result, 0.71 ULP from −1 + e^x at most: no far-tail correction. This is 10 operations per
/// vector on the floating-point multiply-add units against scaled_expm1's 14, and those units
/// bound an ELU loop.
template <class T>
RECTIFY_INLINE T expm1(T x) noexcept {
    using S = rectify::detail::scalar_t<T>;
    using C = exp_constants<S>;
    const T xc = rectify::detail::at_least(x, T(C::expm1_min));
    const auto red = detail::reduce<0>(xc);
    const T s = red.scale, r = red.r_hi;
    const T q = detail::polynomial<C::unit_degree>(r, C::unit_q);
    // r_lo as in scaled_expm1: left out of float with a fused fma (≤ 0.032 ULP), else r_lo·(1 + r).
    constexpr bool drop_r_lo = rectify::detail::fused_fma<T>::value && sizeof(S) == 4;
    T v;
    if constexpr (drop_r_lo)
        v = detail::mul_add(r * r, q, r);
    else
        v = r + detail::mul_add(r * r, q, detail::mul_add(red.r_lo, r, red.r_lo));
    return detail::mul_add(s, v, s - T(1));
}

/// c·e^x for x ≤ 0, c = c.hi + c.lo; ≤ 1 ULP, subnormal results included.
template <class T>
RECTIFY_INLINE T scaled_exp(T x, split_constant<rectify::detail::scalar_t<T>> c) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    const T xc = rectify::detail::at_least(x, T(C::exp_min));
    const auto red = detail::reduce<C::exp_scale_shift>(xc);
    const T r = red.r_hi;
    const T q = detail::expm1_tail(r);
    // e^(r + r_lo) = v_hi + v_lo + p + r_lo·(v_hi + p), p = r²·q, v_hi + v_lo = 1 + r exactly
    // (Fast2Sum, |r| < 1). r_lo needs all of e^r beside it, not 1 + r: r_lo reaches |n|·1.9e-9
    // (float) and |n|·2.3e-17 (double), n down to −188 / −1443, so r_lo·r²·q alone would be
    // 2^-26 relative (float) and 1.6 ULP (double).
    const T v_hi = T(1) + r;
    const T v_lo = r - (v_hi - T(1));
    const T p = (r * r) * q;
    const T w = detail::mul_add(red.r_lo, v_hi + p, v_lo + p);
    const T m = detail::times_constant(c, v_hi, w);
    // m·2^(n+k) is exact and normal; the product with 2^-k rounds once, into the subnormals if
    // it must.
    return (m * red.scale) * T(C::exp_unscale);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
