// tests/smooth_reference.hpp — exact values of the smooth activations (sigmoid, tanh, silu,
// softplus, mish, celu, gelu, gelu_tanh) and their derivatives, written without the library's
// code. Catch2-free.
//
// float: double-precision formulas without cancellation (σ' = e/(1 + e)², tanh' = 4e/(1 + e)²,
//   tanh(softplus x) = P/(P + 2) with P = e(2 + e), softplus's β·x as an exact double pair, gelu
//   as ½x·erfc(−x/√2) — erfc > 0, and rounding x/√2 costs ≤ 2z²·2^-53 — gelu_tanh as x·σ(2u)),
//   each within ~1e-6 float ULP of MPFR at 160 bits; where a formula does cancel (silu', mish',
//   gelu' and gelu_tanh' near their zeros) MPFR itself.
// double: MPFR at 160 bits, as a double-double (long double cannot carry the zeros of silu' and
//   mish'). Built without MPFR (RECTIFY_TEST_MPFR undefined: the cross-compiled targets), the
//   same formulas in long double (113 bits on AArch64; on 32-bit ARM long double is double, and
//   these references are then only good to a few double ULPs).
// Inputs are finite or infinite numbers (the traits handle NaN); parameters (β, α) are the exact
// doubles given.
#pragma once

#include "reference.hpp"

#include <cmath>
#include <limits>

#if RECTIFY_TEST_MPFR
#include <mpfr.h>
#endif

namespace rectify_test {
namespace smooth {

enum class fn { sigmoid, tanh, silu, softplus, mish, celu, gelu, gelu_tanh };
struct params {
    double beta = 1, alpha = 1;
};

/// The formulas, in R = double or long double, for finite x.
template <class R>
struct formulas {
    static R sigma(R u) { return R(1) / (R(1) + std::exp(-u)); }
    static R softplus1(R u) { return u > 0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u)); }
    /// tanh(log1p(e^x)) = ((1 + e)² − 1)/((1 + e)² + 1).
    static R tanh_sp(R x) {
        if (x > 0) {
            const R e = std::exp(-x);
            return (1 + 2 * e) / (1 + 2 * e + 2 * e * e);
        }
        const R e = std::exp(x), n = e * (e + 2);
        return n / (n + 2);
    }
    /// 1 − tanh²(log1p(e^x)) = 4(1 + e)²/((1 + e)² + 1)².
    static R sech2_sp(R x) {
        if (x > 0) {
            const R E = std::exp(-x), a = 1 + E, b = a * a + E * E;
            return 4 * a * a * E * E / (b * b);
        }
        const R e = std::exp(x), a = (1 + e) * (1 + e);
        return 4 * a / ((a + 1) * (a + 1));
    }
    static R eval(fn f, bool derivative, R x, const params& k) {
        switch (f) {
            case fn::sigmoid:
                if (!derivative) return sigma(x);
                {
                    const R e = std::exp(-std::fabs(x));
                    return e / ((1 + e) * (1 + e));
                }
            case fn::tanh:
                if (!derivative) return std::tanh(x);
                {
                    const R e = std::exp(-2 * std::fabs(x));
                    return 4 * e / ((1 + e) * (1 + e));
                }
            case fn::silu: return derivative ? sigma(x) * (1 + x * sigma(-x)) : x * sigma(x);
            case fn::softplus: {
                const R b = R(k.beta), u = b * x;
                const R ul = std::is_same<R, double>::value ? R(std::fma(double(b), double(x), -double(u))) : R(0);
                if (!derivative) return (softplus1(u) + sigma(u) * ul) / b;
                return sigma(u) + sigma(u) * sigma(-u) * ul;
            }
            case fn::mish: return derivative ? tanh_sp(x) + x * sigma(x) * sech2_sp(x) : x * tanh_sp(x);
            case fn::celu: {
                const R a = R(k.alpha);
                if (x > 0) return derivative ? R(1) : x;
                return derivative ? std::exp(x / a) : a * std::expm1(x / a);
            }
            case fn::gelu: {  // ½x·erfc(−x/√2); ' = ½erfc(−x/√2) + x·e^(−x²/2)/√(2π)
                const R pi = std::acos(R(-1)), z = -x / std::sqrt(R(2));
                if (!derivative) return x * (std::erfc(z) / 2);  // x·erfc would overflow for huge x
                return std::erfc(z) / 2 + x * std::exp(-x * x / 2) / std::sqrt(2 * pi);
            }
            case fn::gelu_tanh: {  // x·σ(v), v = 2u; ' = σ(v)·(1 + x·v'·σ(−v))
                const R c = 2 * std::sqrt(2 / std::acos(R(-1))), kappa = R(0.044715L);
                const R v = c * (x + kappa * x * x * x), dv = c * (1 + 3 * kappa * x * x);
                if (!derivative) return x * sigma(v);
                const R s = sigma(-v);  // 0 where v or x·v' overflows (R = double on 32-bit ARM)
                return sigma(v) * (1 + (s == 0 ? R(0) : x * dv * s));
            }
        }
        return std::numeric_limits<R>::quiet_NaN();
    }
};

/// Where the double formulas cancel: silu' around its zero −1.2785, mish' around −1.1924, gelu'
/// and gelu_tanh' around −0.7518 and −0.7525.
inline bool cancels(fn f, bool derivative, double x) {
    if (derivative && f == fn::silu) return x > -1.34 && x < -1.22;
    if (derivative && f == fn::mish) return x > -1.26 && x < -1.12;
    if (derivative && (f == fn::gelu || f == fn::gelu_tanh)) return x > -0.80 && x < -0.70;
    return false;
}

#if RECTIFY_TEST_MPFR
namespace mp {
constexpr mpfr_prec_t precision = 160;
struct num {
    mpfr_t v;
    num() { mpfr_init2(v, precision); }
    ~num() { mpfr_clear(v); }
    num(const num&) = delete;
    num& operator=(const num&) = delete;
    operator mpfr_ptr() { return v; }
};
inline void sigma(mpfr_ptr out, mpfr_srcptr u) {
    num t;
    mpfr_neg(t, u, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add_ui(t, t, 1, MPFR_RNDN);
    mpfr_ui_div(out, 1, t, MPFR_RNDN);
}
/// log1p(e^u), as u + log1p(e^−u) for u > 0.
inline void softplus1(mpfr_ptr out, mpfr_srcptr u) {
    num t;
    if (mpfr_sgn(u) > 0) {
        mpfr_neg(t, u, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_log1p(t, t, MPFR_RNDN);
        mpfr_add(out, t, u, MPFR_RNDN);
    } else {
        mpfr_exp(t, u, MPFR_RNDN);
        mpfr_log1p(out, t, MPFR_RNDN);
    }
}
/// gelu and gelu_tanh at |x| < 2^-1000: x/2 + x²·s (s = f''(0)/2: 1/√(2π), or √(2/π)/2), the
/// rest beyond x⁴, exactly: at 160 bits x/2 + x²·s rounds to x/2, which for a subnormal x/2 is a
/// tie that x²·s breaks (upward).
inline void half_plus_square(mpfr_ptr out, fn f, double x) {
    constexpr mpfr_prec_t wide = 2400;  // x/2 and x²·s, 2^-1075 and ~2^-2150, in one number
    mpfr_t s, sq;
    mpfr_init2(s, precision);
    mpfr_init2(sq, wide);
    mpfr_const_pi(s, MPFR_RNDN);
    if (f == fn::gelu) {
        mpfr_mul_ui(s, s, 2, MPFR_RNDN);
        mpfr_rec_sqrt(s, s, MPFR_RNDN);
    } else {
        mpfr_ui_div(s, 2, s, MPFR_RNDN);
        mpfr_sqrt(s, s, MPFR_RNDN);
        mpfr_div_ui(s, s, 2, MPFR_RNDN);
    }
    mpfr_set_prec(out, wide);
    mpfr_set_d(out, x, MPFR_RNDN);
    mpfr_sqr(sq, out, MPFR_RNDN);
    mpfr_mul(sq, sq, s, MPFR_RNDN);
    mpfr_div_ui(out, out, 2, MPFR_RNDN);
    mpfr_add(out, out, sq, MPFR_RNDN);
    mpfr_clear(s);
    mpfr_clear(sq);
}
/// f or f' at a finite x, into out.
inline void eval(mpfr_ptr out, fn f, bool derivative, double x, const params& k) {
    if (!derivative && (f == fn::gelu || f == fn::gelu_tanh) && x != 0 && std::fabs(x) < 0x1p-1000) {
        half_plus_square(out, f, x);
        return;
    }
    num X, t, u, w;
    mpfr_set_d(X, x, MPFR_RNDN);
    switch (f) {
        case fn::sigmoid:
            sigma(t, X);
            if (!derivative) {
                mpfr_set(out, t, MPFR_RNDN);
            } else {  // σ(x)·σ(−x)
                mpfr_neg(u, X, MPFR_RNDN);
                sigma(w, u);
                mpfr_mul(out, t, w, MPFR_RNDN);
            }
            break;
        case fn::tanh:
            if (!derivative) {
                mpfr_tanh(out, X, MPFR_RNDN);
            } else {  // sech²
                mpfr_sech(t, X, MPFR_RNDN);
                mpfr_sqr(out, t, MPFR_RNDN);
            }
            break;
        case fn::silu:
            sigma(t, X);
            if (!derivative) {
                mpfr_mul(out, t, X, MPFR_RNDN);
            } else {  // σ(x)·(1 + x·σ(−x))
                mpfr_neg(u, X, MPFR_RNDN);
                sigma(w, u);
                mpfr_mul(w, w, X, MPFR_RNDN);
                mpfr_add_ui(w, w, 1, MPFR_RNDN);
                mpfr_mul(out, t, w, MPFR_RNDN);
            }
            break;
        case fn::softplus: {
            num B;
            mpfr_set_d(B, k.beta, MPFR_RNDN);
            mpfr_mul(u, X, B, MPFR_RNDN);
            if (!derivative) {
                softplus1(t, u);
                mpfr_div(out, t, B, MPFR_RNDN);
            } else {
                sigma(out, u);
            }
            break;
        }
        case fn::mish:
            softplus1(t, X);
            mpfr_tanh(u, t, MPFR_RNDN);
            if (!derivative) {
                mpfr_mul(out, u, X, MPFR_RNDN);
            } else {  // T + x·σ(x)·sech²(sp)
                mpfr_sech(w, t, MPFR_RNDN);
                mpfr_sqr(w, w, MPFR_RNDN);
                sigma(t, X);
                mpfr_mul(t, t, X, MPFR_RNDN);
                mpfr_mul(t, t, w, MPFR_RNDN);
                mpfr_add(out, t, u, MPFR_RNDN);
            }
            break;
        case fn::celu: {
            if (x > 0) {
                mpfr_set_d(out, derivative ? 1.0 : x, MPFR_RNDN);
                break;
            }
            num A;
            mpfr_set_d(A, k.alpha, MPFR_RNDN);
            mpfr_div(u, X, A, MPFR_RNDN);
            if (derivative) {
                mpfr_exp(out, u, MPFR_RNDN);
            } else {
                mpfr_expm1(t, u, MPFR_RNDN);
                mpfr_mul(out, t, A, MPFR_RNDN);
            }
            break;
        }
        case fn::gelu: {
            // ½x·erfc(z), z = −x/√2; ' = ½erfc(z) + x·e^(−x²/2)/√(2π)
            mpfr_set_ui(t, 2, MPFR_RNDN);
            mpfr_sqrt(t, t, MPFR_RNDN);
            mpfr_div(u, X, t, MPFR_RNDN);
            mpfr_neg(u, u, MPFR_RNDN);
            mpfr_erfc(w, u, MPFR_RNDN);
            if (!derivative) {
                mpfr_mul(out, w, X, MPFR_RNDN);
                mpfr_div_ui(out, out, 2, MPFR_RNDN);
            } else {
                mpfr_div_ui(w, w, 2, MPFR_RNDN);
                mpfr_sqr(t, X, MPFR_RNDN);
                mpfr_div_si(t, t, -2, MPFR_RNDN);
                mpfr_exp(t, t, MPFR_RNDN);
                mpfr_mul(t, t, X, MPFR_RNDN);
                mpfr_const_pi(u, MPFR_RNDN);
                mpfr_mul_ui(u, u, 2, MPFR_RNDN);
                mpfr_sqrt(u, u, MPFR_RNDN);
                mpfr_div(t, t, u, MPFR_RNDN);
                mpfr_add(out, w, t, MPFR_RNDN);
            }
            break;
        }
        case fn::gelu_tanh: {
            // ½x·(1 + tanh u) = x·σ(2u), u = √(2/π)·(x + 0.044715x³), the constants exact;
            // ' = σ(2u)·(1 + x·(2u)'·σ(−2u)), (2u)' = 2√(2/π)·(1 + 3·0.044715x²)
            num c, kappa, v, dv;
            mpfr_const_pi(c, MPFR_RNDN);
            mpfr_ui_div(c, 2, c, MPFR_RNDN);
            mpfr_sqrt(c, c, MPFR_RNDN);
            mpfr_mul_ui(c, c, 2, MPFR_RNDN);
            mpfr_set_str(kappa, "0.044715", 10, MPFR_RNDN);
            mpfr_sqr(t, X, MPFR_RNDN);
            mpfr_mul(t, t, kappa, MPFR_RNDN);  // κx²
            mpfr_add_ui(v, t, 1, MPFR_RNDN);
            mpfr_mul(v, v, X, MPFR_RNDN);
            mpfr_mul(v, v, c, MPFR_RNDN);  // 2u
            sigma(w, v);
            if (!derivative) {
                mpfr_mul(out, w, X, MPFR_RNDN);
            } else {
                mpfr_mul_ui(dv, t, 3, MPFR_RNDN);
                mpfr_add_ui(dv, dv, 1, MPFR_RNDN);
                mpfr_mul(dv, dv, c, MPFR_RNDN);
                mpfr_neg(u, v, MPFR_RNDN);
                sigma(t, u);
                mpfr_mul(t, t, dv, MPFR_RNDN);
                mpfr_mul(t, t, X, MPFR_RNDN);
                mpfr_add_ui(t, t, 1, MPFR_RNDN);
                mpfr_mul(out, w, t, MPFR_RNDN);
            }
            break;
        }
    }
}
/// As hi + lo: hi correctly rounded to double (subnormals included), lo the rest.
inline dd::number to_dd(mpfr_ptr v) {
    num r;
    const double hi = mpfr_get_d(v, MPFR_RNDN);
    mpfr_sub_d(r, v, hi, MPFR_RNDN);
    return {hi, mpfr_get_d(r, MPFR_RNDN)};
}
}  // namespace mp
#endif

/// The exact f(x) or f'(x) for finite x: double for float, a double-double (MPFR) or long double
/// for double (see the top).
template <class T>
auto value(fn f, bool derivative, T x, const params& k) {
    if constexpr (sizeof(T) == sizeof(float)) {
#if RECTIFY_TEST_MPFR
        if (cancels(f, derivative, x)) {
            mp::num o;
            mp::eval(o, f, derivative, x, k);
            return mpfr_get_d(o, MPFR_RNDN);
        }
        return formulas<double>::eval(f, derivative, x, k);
#else
        if (cancels(f, derivative, x))
            return static_cast<double>(formulas<long double>::eval(f, derivative, x, k));
        return formulas<double>::eval(f, derivative, x, k);
#endif
    } else {
#if RECTIFY_TEST_MPFR
        mp::num o;
        mp::eval(o, f, derivative, x, k);
        return mp::to_dd(o);
#else
        const long double v = formulas<long double>::eval(f, derivative, x, k);
        if constexpr (long_double_is_double) return dd::number{double(v), 0};
        else return v;
#endif
    }
}
template <class T>
using value_t = decltype(value(fn::sigmoid, false, T(0), params{}));

/// Whether the double references judge a bound of 1 ULP: with MPFR, or with a long double wider
/// than double. Without either (the cross-compiled 32-bit ARM targets) they are the formulas in
/// double, a few ULPs off and wrong in the tails (e^−720 underflows where the result does not):
/// the tests then check those targets' double results of the smooth activations for their
/// semantics (NaN, limits, signed zero, agreement between archs) and not against a reference.
/// The same source, in the same IEEE double arithmetic, is proven on x86-64 with and without FMA.
#if RECTIFY_TEST_MPFR
constexpr bool double_reference_judges = true;
#else
constexpr bool double_reference_judges = !long_double_is_double;
#endif

/// Frees the caches MPFR keeps per thread (constants, memory pools): a thread that evaluated
/// references calls it before it ends, or they leak (LeakSanitizer says so).
inline void release_thread_caches() {
#if RECTIFY_TEST_MPFR
    mpfr_free_cache();
    mpfr_mp_memory_cleanup();
#endif
}

/// Whether a reference value is zero (of either sign).
inline bool is_zero(double v) { return v == 0; }
inline bool is_zero(long double v) { return v == 0; }
inline bool is_zero(dd::number v) { return v.hi == 0; }

/// v as the reference type of T.
template <class T>
value_t<T> constant(T v) {
    if constexpr (std::is_same<value_t<T>, dd::number>::value) return dd::number{double(v), 0};
    else return v;
}

}  // namespace smooth
}  // namespace rectify_test
