// rectify/math/exp.hpp — c·(e^x − 1) and c·e^x for x ≤ 0, to within 1 ULP, for the negative side
// of ELU and SELU and their derivatives.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>.
// Valid range: x ≤ 0 (the only side ELU and SELU need); the result for x > 0 is unspecified.
// Max error: 1 ULP against the correctly rounded c·(e^x − 1) and c·e^x, with c held as hi + lo
//   (measured by tests/accuracy.cpp over every float32 x ≤ 0 and 10^7 float64 x: see README).
// Specials: NaN → NaN; −inf → −c (expm1) and +0 (exp); ±0 → c·±0 (expm1) and c (exp);
//   subnormal x → c·x rounded; subnormal results are computed, never flushed.
// Saturation: c·expm1 uses x clamped at −21 (float) / −42 (double), where e^x < 2^-30·c and the
//   result is −c rounded; c·e^x uses x clamped at −130 / −1000, below which c·e^x rounds to 0 for
//   any c < 7e11 (float) / 1e170 (double).
//
// Method: x = n·ln2 + r, |r| ≤ ln2/2, with ln2 = ln2_hi + ln2_lo (Cody-Waite: n·ln2_hi is exact)
// and r kept as r_hi + r_lo. e^r − 1 = r + r²·q(r), q a degree-5 (float) / degree-10 (double)
// minimax polynomial for (e^r − 1 − r)/r² (relative error 4.3e-9 / 3.1e-18, from sollya's
// fpminimax on |r| ≤ 1.001·ln2/2). The large parts are added exactly (Fast2Sum), everything small
// goes into one tail, and the constant c = c_hi + c_lo multiplies it all before a single final
// rounding (a fused fma or Dekker's product). One float per constant would cost up to 1.5 ULP more:
// SELU's λα rounded to float alone is 0.4 ULP off.
#pragma once

#include "../detail/ops.hpp"

namespace rectify {
namespace math {

template <class S>
struct exp_constants;

template <>
struct exp_constants<float> {
    static constexpr float log2e = 0x1.715476p+0f;
    static constexpr float ln2_hi = 0x1.62e4p-1f;  // 15 significant bits: n·ln2_hi exact, |n| < 512
    static constexpr float ln2_lo = 0x1.7f7d1cp-20f;
    static constexpr float round_shift = 0x1.8p23f;  // z + round_shift rounds z to an integer
    static constexpr int mantissa_bits = 23;
    static constexpr int exponent_bias = 127;
    static constexpr float expm1_min = -21.0f;
    static constexpr float exp_min = -130.0f;
    static constexpr int exp_scale_shift = 64;  // e^x is scaled by 2^64 until the last product
    static constexpr float exp_unscale = 0x1p-64f;
    static constexpr int degree = 5;
    static constexpr float q[degree + 1] = {0x1p-1f,         0x1.555556p-3f,  0x1.555502p-5f,
                                            0x1.110ff4p-7f,  0x1.6d2e2cp-10f, 0x1.a2629cp-13f};
};

template <>
struct exp_constants<double> {
    static constexpr double log2e = 0x1.71547652b82fep+0;
    static constexpr double ln2_hi = 0x1.62e42feep-1;  // 32 significant bits (fdlibm)
    static constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
    static constexpr double round_shift = 0x1.8p52;
    static constexpr int mantissa_bits = 52;
    static constexpr int exponent_bias = 1023;
    static constexpr double expm1_min = -42.0;
    static constexpr double exp_min = -1000.0;
    static constexpr int exp_scale_shift = 500;
    static constexpr double exp_unscale = 0x1p-500;
    static constexpr int degree = 10;
    static constexpr double q[degree + 1] = {
        0x1p-1,           0x1.5555555555557p-3,  0x1.5555555555552p-5, 0x1.1111111110048p-7,
        0x1.6c16c16c1893ap-10, 0x1.a01a01ac255f6p-13, 0x1.a01a0197bcc5fp-16, 0x1.71de01901e4e3p-19,
        0x1.27e500d177adep-22, 0x1.af4f0e5ea0aep-26,  0x1.1f3326405cdabp-29};
};

/// A constant as an unevaluated sum hi + lo of two values of S: c to about 2^-48 (float).
template <class S>
struct split_constant {
    S hi, lo;
};
template <class S>
constexpr split_constant<S> split(double c) noexcept {
    return {static_cast<S>(c), static_cast<S>(c - static_cast<double>(static_cast<S>(c)))};
}

namespace detail {
using rectify::detail::mul_add;
using rectify::detail::select;

// x = n·ln2 + r_hi + r_lo with r_hi = x − n·ln2 rounded (|r_hi| ≤ ln2/2, a hair more where fma
// is not fused) and |r_lo| ≤ ulp(r_hi)/2; scale = 2^(n + offset).
// Returned: r_hi and r_lo·e^(r_hi) to first order, r_lo·(1 + r_hi), since e^r = e^r_hi·(1 + r_lo).
template <class T>
struct reduced {
    T scale, r_hi, r_lo;
};
template <int ScaleOffset, class T>
inline reduced<T> reduce(T x) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    // z's low significand bits hold n + bias + offset once round_shift is added, so shifting
    // them into the exponent field gives 2^(n + offset) with no float-to-int conversion.
    constexpr auto shift = C::round_shift + (C::exponent_bias + ScaleOffset);
    const T z = detail::mul_add(x, T(C::log2e), T(shift));
    const T n = z - T(shift);
    const T t = detail::mul_add(n, T(-C::ln2_hi), x);  // exact (Cody-Waite, Sterbenz)
    const T t_lo = n * T(-C::ln2_lo);                  // up to |n|·1.4e-6 (float): too big to drop
    const T r = t + t_lo;                              // Fast2Sum: what the sum dropped is exact
    const T r_lo = t_lo - (r - t);
    return {rectify::detail::shift_bits_left(z, C::mantissa_bits), r, detail::mul_add(r_lo, r, r_lo)};
}

// q(r) ≈ (e^r − 1 − r)/r², Horner.
template <class T>
inline T expm1_tail(T r) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    T q(C::q[C::degree]);
    for (int i = C::degree - 1; i >= 0; --i) q = detail::mul_add(q, r, T(C::q[i]));
    return q;
}
}  // namespace detail

/// c·(e^x − 1) for x ≤ 0, c = c_hi + c_lo; ≤ 1 ULP (see the top of this file).
template <class T>
inline T scaled_expm1(T x, T c_hi, T c_lo) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    const T xc = detail::select(x < T(C::expm1_min), T(C::expm1_min), x);  // NaN stays NaN
    const auto red = detail::reduce<0>(xc);
    const T s = red.scale, r = red.r_hi;
    const T q = detail::expm1_tail(r);
    // e^x − 1 = (s·r − (1 − s)) + s·r_lo + s·r²·q, s = 2^n, n ≤ 0.
    const T sr = s * r;                       // exact
    const T one_minus_s = T(1) - s;           // exact unless n < −24 (float), then rounds to 1
    const T lost = (T(1) - one_minus_s) - s;  // minus what that rounding dropped (0 or −s), exact
    const T u_hi = sr - one_minus_s;          // Fast2Sum: |1 − s| ≥ |s·r| for n ≤ −1; n = 0 is trivial
    const T u_lo = sr - (u_hi + one_minus_s);
    const T w = detail::mul_add(sr * r, q, detail::mul_add(s, red.r_lo, u_lo - lost));
    const T y = rectify::detail::product_plus(c_hi, u_hi, detail::mul_add(c_lo, u_hi, c_hi * w));
    // ±0 would come out +0 (a sum of opposite zeros); c·expm1(±0) is c·±0.
    return detail::select(x == T(0), c_hi * x, y);
}

/// c·e^x for x ≤ 0, c = c_hi + c_lo; ≤ 1 ULP, subnormal results included.
template <class T>
inline T scaled_exp(T x, T c_hi, T c_lo) noexcept {
    using C = exp_constants<rectify::detail::scalar_t<T>>;
    const T xc = detail::select(x < T(C::exp_min), T(C::exp_min), x);
    const auto red = detail::reduce<C::exp_scale_shift>(xc);
    const T r = red.r_hi;
    const T q = detail::expm1_tail(r);
    // e^r = v_hi + v_lo + r_lo + r²·q with v_hi + v_lo = 1 + r exactly (Fast2Sum, |r| < 1).
    const T v_hi = T(1) + r;
    const T v_lo = r - (v_hi - T(1));
    const T w = detail::mul_add(r * r, q, v_lo + red.r_lo);
    const T m = rectify::detail::product_plus(c_hi, v_hi, detail::mul_add(c_lo, v_hi, c_hi * w));
    // m·2^(n+k) is exact and normal; the product with 2^-k rounds once, into the subnormals if
    // it must.
    return (m * red.scale) * T(C::exp_unscale);
}

}  // namespace math
}  // namespace rectify
