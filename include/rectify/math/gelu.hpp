// rectify/math/gelu.hpp — gelu(x) = x·Φ(x) = ½·x·erfc(−x/√2) and gelu'(x) = Φ(x) + x·φ(x), for
// scalars and batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded values (tests/accuracy.cpp: every float, 10^7
//   doubles against MPFR); the budgets below are ≤ 0.68 ULP (float) and ≤ 0.76 ULP (double).
// Specials: NaN → NaN; gelu(−inf) = −0, gelu(+inf) = +inf, gelu(±0) = ±0; gelu'(−inf) = −0 (the
//   slope is negative out there), gelu'(+inf) = 1, gelu'(±0) = ½; the negative tail is the true
//   small value down to the subnormals (gelu(−10) = −7.6e-23, not the 0 of ½x·(1 + erf)).
//
// Method. With a = |x| and the Mills-type ratio M(a) = Φ(−a)·e^(a²/2) (smooth: ½ at 0,
// ~1/(a√(2π)) for large a),
//     gelu(x) = relu(x) − a·Φ(−a) = relu(x) − a·e^(−a²/2)·M(a).
// For x < 0 the result is the tail term itself, relatively exact down to the subnormals; for x > 0
// the term is at most x/2, at most the result: no cancellation anywhere.
//     gelu'(x) = [x > 0] ∓ e^(−a²/2)·G(a),  G(a) = M(a) − a/√(2π) = (a − a0)·R(a)
// (− for x > 0, + for x ≤ 0). G vanishes at a0 = 0.75179… (gelu'(−a0) = 0); R = G/(a − a0) has no
// zero (−0.66 at 0, → −1/√(2π)), so the zero costs the subtraction a − a0, with a0 held to twice
// (float) or three times (double) the precision: no window, no cancellation. For x > 0 the
// result is 1 − e·G ≥ ½.
//
// float, computed in double (in_double.hpp) and rounded once: a² exact; e^(−a²/2) to 2^-28.2
// (exp_neg_for_float); M = P/Q of degrees 4/5, a relative minimax fit on [0, 15.5] (Sanathanan–
// Koerner iterations with Lawson reweighting), 2^-27.08, P(0) = ½ exactly (tiny x gives
// x/2·(1 ± 1.6|x|), on the side of a subnormal tie that rounding the true value takes:
// gelu(−2^-149) = −0, gelu(2^-149) = 2^-149); R = P2/Q2 of degrees 4/5, 2^-28.1. Before the
// rounding: ≤ 2^-26.5 relative (gelu), 2^-27.1 (gelu'), so ≤ 0.68 and ≤ 0.62 ULP. a is clamped
// at 15.5, beyond which |gelu(−a)| is below half the smallest subnormal float.
//
// double, every part carried as hi + lo (no wider type): a² = h + l exactly; e^(−(h + l)/2) =
// 2^n·(1 + Vh + Vl + L) (exp_core.hpp, the degree-10 q, 2^256 carried so that 2^n exists down to
// the subnormal results); M = N/D of degrees 10/11 (2^-59.9 with the coefficients as hi + lo
// doubles; rounded to double they give only 2^-54), R of degrees 10/10 (2^-60.6); N and D by
// compensated Horner (an exact product and sum per step, the errors summed by a second Horner:
// all coefficients of one sign and a ≥ 0, so ~2^-100 relative); the quotient corrected by its
// remainder; the products as exact pairs. x ≤ 0: the term rounded once, then scaled (a second
// rounding only where the result is subnormal: ≤ 0.76 ULP there); x > 0: x − T by a Fast2Sum
// (T ≤ x/2). Near −a0, gelu'(x) ~ (a − a0)·R: a0 as a triple (hi, mid, lo), because at
// x = −a0_hi the result is a0's second part times R and must itself be right to 2^-53.
// a is clamped at 38.7 (|gelu(−38.7)| < 2^-1075).
// Where gelu(x) is x/2 + x²/√(2π) below the last place (|x| whose x/2 is subnormal), x/2 is a tie
// for odd x and the kernels' roundings need not break it the right way: half_up.hpp does.
#pragma once

#include "half_up.hpp"
#include "in_double.hpp"

namespace rectify {
namespace math {

template <class S>
struct gelu_constants;
/// The float kernels': doubles, since they compute in double.
template <>
struct gelu_constants<float> {
    static constexpr double a_max = 15.5;
    // M(a) = P(a)/Q(a)
    static constexpr double p[5] = {0x1.0000000000000p-1, 0x1.c20fd29cb57e3p-2, 0x1.79103c8ef53c9p-3,
                                    0x1.4f3b3f82cb2a4p-5, 0x1.106d240e8a725p-8};
    static constexpr double q[6] = {0x1.0000000000000p+0, 0x1.ad4a1847646e7p+0, 0x1.34c9c431e11c1p+0,
                                    0x1.e31aa1ab87598p-2, 0x1.a42cb335c3271p-4, 0x1.556ea958b0fa0p-7};
    // a0 = a0_hi + a0_lo; R(a) = P2(a)/Q2(a)
    static constexpr double a0_hi = 0x1.80ead197f00b4p-1, a0_lo = -0x1.13e74c58cada8p-56;
    static constexpr double p2[5] = {-0x1.54851a48fe1acp-1, -0x1.776e5869daf35p-1, -0x1.6f7ec67d9e58dp-2,
                                     -0x1.695440bd224d3p-4, -0x1.300d4cbdb13fbp-7};
    static constexpr double q2[6] = {0x1.0000000000000p+0, 0x1.5e3e267e1205dp+0, 0x1.833b76ff80fabp-1,
                                     0x1.a116cab085e3bp-3, 0x1.7d0f4173675eep-6, 0x1.d2637b66ad0cdp-27};
};
template <>
struct gelu_constants<double> {
    static constexpr double a_max = 38.7;
    // M(a) = N(a)/D(a), each coefficient hi + lo
    static constexpr int m_num_degree = 10, m_den_degree = 11;
    static constexpr double m_num[11] = {
        0x1.0000000000000p-1,  0x1.a7a67c51b4cb5p-1, 0x1.5b92702d80942p-1,  0x1.6d51d4dfdc032p-2,
        0x1.0dd66dc1f0418p-3,  0x1.2361169881162p-5, 0x1.d136467209940p-8,  0x1.0f6ee28ce296cp-10,
        0x1.bccd097ebd7e6p-14, 0x1.d169390be3469p-18, 0x1.de0fec858435fp-23};
    static constexpr double m_num_lo[11] = {
        0x0.0p+0,               -0x1.25c921a799454p-55, 0x1.7f1c1b7e8c7d1p-55,  -0x1.c6981003f709ep-61,
        -0x1.7d1aadd9b6711p-60, -0x1.5ed219cb3bdd3p-60, -0x1.4572453bf9bb4p-63, -0x1.7b4cfb99a0436p-64,
        -0x1.28f0f9fdbd4aep-69, 0x1.a043c5d34d191p-75,  -0x1.166181d4670e9p-78};
    static constexpr double m_den[12] = {
        0x1.0000000000000p+0,  0x1.39f452f82b3efp+1, 0x1.68490e3c931d1p+1, 0x1.ffb94ed917aaap+0,
        0x1.f4f0ba346ebeep-1,  0x1.63df8487a00d8p-2, 0x1.77ada4caf7d99p-4, 0x1.27dd89f962785p-6,
        0x1.5678339602cfbp-9,  0x1.1752a0a54bea6p-12, 0x1.23a73232d5300p-16, 0x1.2b94c0422be35p-21};
    static constexpr double m_den_lo[12] = {
        0x0.0p+0,              -0x1.9fd0bfabcb87ap-54, -0x1.9b0e48a4d0eeep-54, 0x1.113fc857b8582p-54,
        0x1.5d2fd898f23a1p-55, 0x1.df71ffb1b91fep-57,  -0x1.98d0c58f1e80bp-58, 0x1.86baa48d7fef6p-61,
        -0x1.8dcaa24a5ca86p-63, 0x1.459b74cbfff64p-66, 0x1.13279de0e5c80p-70,  0x1.99a7b1ef2d9cbp-76};
    // a0 = a0_hi + a0_mid + a0_lo; R(a) = N(a)/D(a), each coefficient hi + lo
    static constexpr double a0_hi = 0x1.80ead197f00b4p-1, a0_mid = -0x1.13e74c58cada8p-56,
                            a0_lo = -0x1.65d4b5b9cdd03p-111;
    static constexpr int r_num_degree = 10, r_den_degree = 10;
    static constexpr double r_num[11] = {
        -0x1.54851a5cc1ec8p-1, -0x1.547b9bbe2fc41p+0, -0x1.47ae7b5b3653dp+0, -0x1.8aafaf4635145p-1,
        -0x1.47b08c1bb750ap-2, -0x1.87438462fd9a4p-4, -0x1.547019b5fc9d7p-6, -0x1.ab5febe2259dfp-9,
        -0x1.74091bf570dcap-12, -0x1.984daf0f241adp-16, -0x1.b167988c139cap-21};
    static constexpr double r_num_lo[11] = {
        0x1.fe436d05a58afp-56, 0x1.644d5647150c8p-54,  0x1.97a5e23e3d845p-55, 0x1.ad5e96f2453ebp-55,
        0x1.b95188e610d7ep-56, 0x1.6009b3399d095p-58,  -0x1.d7c88d68e54f0p-61, 0x1.41a2f7fb26fc8p-63,
        -0x1.7e988cdcced18p-66, -0x1.9751fba7b8616p-70, 0x1.93641faa1ac65p-75};
    static constexpr double r_den[11] = {
        0x1.0000000000000p+0, 0x1.21f8791e91a42p+1, 0x1.30976d18b04d5p+1, 0x1.8796f357535c4p+0,
        0x1.560e6119dc277p-1, 0x1.a98d8902c2e17p-3, 0x1.7f3ff2fd016a2p-5, 0x1.efb70bef32499p-8,
        0x1.bb4b2a9678ebep-11, 0x1.f2f89432da8e9p-15, 0x1.0f989a124c107p-19};
    static constexpr double r_den_lo[11] = {
        0x0.0p+0,               -0x1.8b74f6631fc96p-53, -0x1.815250339eab6p-55, 0x1.61f4dfdc996d9p-54,
        -0x1.2a02f3279ebcfp-55, 0x1.85e5d36e38688p-58,  0x1.78a6799cc54eap-59,  -0x1.5ee9733b5052ep-62,
        0x1.83a1e958ffbadp-66,  0x1.a122f71d6aaeap-69,  0x1.e5281d2583727p-73};
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

// ---- float, in double ------------------------------------------------------------------------
/// gelu of a float held in D = double or a double batch.
struct gelu_of_float {
    template <class D>
    RECTIFY_INLINE D operator()(D x) const noexcept {
        using K = gelu_constants<float>;
        const D a = rectify::detail::at_most(rectify::detail::abs(x), D(K::a_max));  // NaN stays NaN
        const D e = exp_neg_for_float(D((a * a) * D(0.5)));                           // a² exact
        const D t = rectify::detail::divide(D((a * e) * polynomial<4>(a, K::p)), polynomial<5>(a, K::q));
        // relu(x) − t: ±0 keep their sign (−0 − +0 = −0); NaN gives 0 − NaN
        const D y = rectify::detail::select(x >= D(0), x, D(0)) - t;
        // |x| < 2^-125: x/2 + x²/√(2π) in the float subnormals (half_up.hpp)
        return rectify::detail::select(rectify::detail::abs(x) < D(0x1p-125), half_up_for_float(x), y);
    }
};
struct gelu_derivative_of_float {
    template <class D>
    RECTIFY_INLINE D operator()(D x) const noexcept {
        using K = gelu_constants<float>;
        const D a = rectify::detail::at_most(rectify::detail::abs(x), D(K::a_max));
        const D e = exp_neg_for_float(D((a * a) * D(0.5)));
        const D d = (a - D(K::a0_hi)) - D(K::a0_lo);  // the first difference exact near a0
        const D t = rectify::detail::divide(D((e * d) * polynomial<4>(a, K::p2)), polynomial<5>(a, K::q2));
        return rectify::detail::select(x > D(0), D(D(1) - t), t);
    }
};

// ---- double ----------------------------------------------------------------------------------
/// Σ (hi[k] + lo[k])·a^k for a ≥ 0 and coefficients of one sign, as hi + lo to ~2^-100 relative:
/// compensated Horner (each step's product and sum with their exact errors, which a second Horner
/// in parallel accumulates), the coefficients' low parts joining the error terms. Unrolled by the
/// template, as polynomial() (exp.hpp).
template <int Degree, int I = 0, class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> polynomial_compensated(T a, const double* hi, const double* lo) noexcept {
    if constexpr (I == Degree) {
        return {T(hi[I]), T(lo[I])};
    } else {
        const auto s = polynomial_compensated<Degree, I + 1>(a, hi, lo);
        const T p = s.hi * a;
        const T p_err = rectify::detail::two_prod_err(s.hi, a, p);
        const auto sum = rectify::detail::two_sum(p, T(hi[I]));
        const T err = rectify::detail::mul_add(s.lo, a, T((p_err + sum.lo) + T(lo[I])));
        if constexpr (I == 0) {
            const T h = sum.hi + err;  // Fast2Sum: the error terms are ~2^-50 of the sum
            return {h, err - (h - sum.hi)};
        } else {
            return {sum.hi, err};
        }
    }
}

/// n/d as hi + lo, n and d as hi + lo: RN(n.hi/d.hi) and its remainder divided.
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> quotient(rectify::detail::hi_lo<T> n, rectify::detail::hi_lo<T> d) noexcept {
    const T qh = rectify::detail::divide(n.hi, d.hi);
    const T rem = rectify::detail::residual(qh, d.hi, n.hi) + rectify::detail::neg_mul_add(qh, d.lo, n.lo);
    return {qh, rectify::detail::divide(rem, d.hi)};
}

/// (ah + al)·(bh + bl) as hi + lo (the cross product al·bl dropped: ~2^-106 relative).
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> product(T ah, T al, T bh, T bl) noexcept {
    const T ph = ah * bh;
    const T pl = rectify::detail::mul_add(ah, bl, rectify::detail::mul_add(al, bh, rectify::detail::two_prod_err(ah, bh, ph)));
    return {ph, pl};
}

/// e^(−a²/2) as 2^(n + 256)·(eh + el), a ≤ 38.7: scale holds 2^(n + 256).
template <class T>
struct gaussian_parts {
    T scale, eh, el;
};
template <class T>
RECTIFY_INLINE gaussian_parts<T> gaussian(T a) noexcept {
    const T h = a * a;
    const T l = rectify::detail::two_prod_err(a, a, h);
    const auto e = exp_neg_split<carried_scale<double>::exponent>(T(h * T(0.5)), T(l * T(0.5)));
    const T eh = T(1) + e.vh;  // Fast2Sum: |V| < 1
    return {e.scale, eh, ((T(1) - eh) + e.vh) + (e.vl + e.lo)};
}

template <class T>
RECTIFY_INLINE T gelu_double(T x) noexcept {
    using K = gelu_constants<double>;
    constexpr double down = carried_scale<double>::down;
    const T a = rectify::detail::at_most(rectify::detail::abs(x), T(K::a_max));  // NaN stays NaN
    const auto g = gaussian(a);
    const auto m = quotient(polynomial_compensated<K::m_num_degree>(a, K::m_num, K::m_num_lo),
                            polynomial_compensated<K::m_den_degree>(a, K::m_den, K::m_den_lo));
    const T ah = a * m.hi;  // a·M
    const T al = rectify::detail::mul_add(a, m.lo, rectify::detail::two_prod_err(a, m.hi, ah));
    const auto t = product(ah, al, g.eh, g.el);  // a·M·e^(−a²/2), 2^256 too large
    // x ≤ 0 (and NaN): −T with x's sign, so that ±0 give ±0
    const T negative = rectify::detail::or_sign(T((t.hi + t.lo) * g.scale * T(down)), x);
    // x > 0: x − T by a Fast2Sum (T ≤ x/2); beyond the clamp (+inf included) x itself
    const T th = t.hi * g.scale * T(down), tl = t.lo * g.scale * T(down);
    const T sh = x - th;
    const T positive = rectify::detail::select(x > T(K::a_max), x, T(sh + (((x - sh) - th) - tl)));
    const T y = rectify::detail::select(x > T(0), positive, negative);
    // Subnormal x: x/2 + x²/√(2π) (half_up.hpp)
    return rectify::detail::select(rectify::detail::abs(x) < T(0x1p-1021), half_up(x), y);
}

template <class T>
RECTIFY_INLINE T gelu_derivative_double(T x) noexcept {
    using K = gelu_constants<double>;
    constexpr double down = carried_scale<double>::down;
    const T a = rectify::detail::at_most(rectify::detail::abs(x), T(K::a_max));
    const auto g = gaussian(a);
    // d = a − a0 as dh + dl: exact near a0 (where a − a0_hi may be 0 and d is a0's lower parts)
    const auto s = rectify::detail::two_sum(a, T(-K::a0_hi));
    const auto dm = rectify::detail::two_sum(s.hi, T(-K::a0_mid));
    const T dl = (dm.lo + s.lo) - T(K::a0_lo);
    const auto r = quotient(polynomial_compensated<K::r_num_degree>(a, K::r_num, K::r_num_lo),
                            polynomial_compensated<K::r_den_degree>(a, K::r_den, K::r_den_lo));
    const auto gr = product(dm.hi, dl, r.hi, r.lo);   // G = (a − a0)·R
    const auto t = product(gr.hi, gr.lo, g.eh, g.el);  // e^(−a²/2)·G, 2^256 too large
    const T negative = (t.hi + t.lo) * g.scale * T(down);
    const T th = t.hi * g.scale * T(down), tl = t.lo * g.scale * T(down);
    const T sh = T(1) - th;  // Fast2Sum: |T| ≤ ½
    return rectify::detail::select(x > T(0), T(sh + (((T(1) - sh) - th) - tl)), negative);
}

}  // namespace detail

template <class T>
RECTIFY_INLINE T gelu(T x) noexcept {
    if constexpr (sizeof(rectify::detail::scalar_t<T>) == sizeof(float))
        return detail::in_double(x, detail::gelu_of_float{});
    else
        return detail::gelu_double(x);
}

template <class T>
RECTIFY_INLINE T gelu_derivative(T x) noexcept {
    if constexpr (sizeof(rectify::detail::scalar_t<T>) == sizeof(float))
        return detail::in_double(x, detail::gelu_derivative_of_float{});
    else
        return detail::gelu_derivative_double(x);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
