// rectify/math/gelu_tanh.hpp — gelu_tanh(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) and its
// derivative, for scalars and batches alike, against the formula with its constants as the real
// numbers √(2/π) and 0.044715.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x.
// Max error: 1 ULP against the correctly rounded values (tests/accuracy.cpp); the budgets below
//   are ≤ 0.56 ULP (float) and ≤ 0.77 ULP (double).
// Specials: NaN → NaN; f(−inf) = −0, f(+inf) = +inf, f(±0) = ±0; f'(−inf) = −0, f'(+inf) = 1;
//   x³ overflowing (float x beyond 7e12) does not make NaN; the negative tail is the true small
//   value down to the subnormals.
//
// Method. 1 + tanh(u) = 2σ(2u), so
//     f(x) = x·σ(v) = x / (1 + e^−v),   v = 2u = c1·x + c2·x³,  c1 = 2√(2/π), c2 = 0.08943·√(2/π),
// with no cancellation anywhere (x → −∞: x·e^v/(1 + e^v), relatively exact), and
//     f'(x) = σ(v) + x·v'·σ(v)·σ(−v) = (1 + E + x·v'·E)/(1 + E)²,  E = e^−v,  v' = c1 + 3c2·x²,
// which vanishes at x0 = −0.75246…, where the numerator cancels.
//
// float, computed in double (in_double.hpp) and rounded once: c1 and c2 as doubles are 2^-53
// from the real constants, and v is exact to 2^-52 (x³ cannot overflow in double). e^−v to
// 2^-28.2 (exp_neg_for_float), scaled in f by e^−v/(1 + e^−v) ≤ 1: ≤ 0.56 ULP. v is clamped to
// [−200, 200] (f has rounded to −0 or to x long before) and x at −30 in the numerator
// (−inf → −30·σ(−200) → −0). f': within |x − x0| ≤ 0.2, f' = d·P(d), d = (x − x0_hi) − x0_lo
// (the first difference exact), P of degree 7 fitted to 2^-34.4 relative: no cancellation.
// Outside, the numerator cancels by at most ~4×, and E's 2^-28.2 costs ≤ 0.03 ULP more: ≤ 0.56
// ULP. x is clamped to [−30, 30] (x·v' must not be inf·0).
//
// double (no wider type): silu's kernel (math/silu.hpp) at the argument v carried as vh + vl:
// x² = sh + sl exactly, c2·x² and then w = c1 + c2·x² as pairs (a two_sum: c2·x² exceeds c1 for
// |x| > 3.3), v = x·w = vh + vl to ~2^-100 relative, vl joining the exponential's r_lo. σ(v) =
// 2^−n/D with D exact as a pair and its reciprocal corrected; x·σ rounded once; lanes with
// v < −670 recompute with 2^256 carried (one more rounding in the subnormal results: ≤ 0.76
// ULP). f' as silu', with m = x·v' as a pair: K = 1 + m·σ(−v) = Kh + Kl, f' = th·Kh + (th·Kl +
// tl·Kh) rounded once; near x0 (|d| ≤ 0.03) f' = d·G(d) with G of degree 9 (2^-58.8) and the
// value at x0_hi exact to 2^-160 (silu's near_zero). Clamps: x to [−40, 40] for v, v to
// [−760, 50].
// Where f(x) is x/2 + x²·c1/4 below the last place (|x| whose x/2 is subnormal), x/2 is a tie for
// odd x and the kernels' roundings need not break it the right way: half_up.hpp does.
#pragma once

#include "half_up.hpp"
#include "in_double.hpp"
#include "silu.hpp"

namespace rectify {
namespace math {

template <class S>
struct gelu_tanh_constants;
/// The float kernels': doubles, since they compute in double.
template <>
struct gelu_tanh_constants<float> {
    static constexpr double c1 = 0x1.9884533d43651p+0;  // 2√(2/π)
    static constexpr double c2 = 0x1.2444f2a4d8b4bp-4;  // 2·0.044715·√(2/π)
    static constexpr double v_max = 200.0, x_min = -30.0, x_max = 30.0;
    // f' = d·P(d) near its zero x0 = x0_hi + x0_lo
    static constexpr double x0_hi = -0x1.81429f9e97e4dp-1, x0_lo = 0x1.4f523ed77dbdcp-55;
    static constexpr double window = 0.2;
    static constexpr int degree = 7;
    static constexpr double p[degree + 1] = {0x1.b8bacd2ce624ep-2,  0x1.8cd1a2b04c4a8p-2,  -0x1.0296258dae110p-6,
                                             -0x1.d2b769fd5fdd6p-4, -0x1.1042d8c46d196p-6, 0x1.427104d2baf23p-6,
                                             0x1.53f8b48b06d7bp-8,  -0x1.37f52e98d7455p-9};
};
template <>
struct gelu_tanh_constants<double> {
    // c1 = 2√(2/π), c2 = 2·0.044715·√(2/π), c3 = 3·c2, each hi + lo
    static constexpr double c1_hi = 0x1.9884533d43651p+0, c1_lo = -0x1.cbc0d30ebfd15p-54;
    static constexpr double c2_hi = 0x1.2444f2a4d8b4bp-4, c2_lo = -0x1.6c843a29d1c70p-61;
    static constexpr double c3_hi = 0x1.b6676bf7450f0p-3, c3_lo = 0x1.bba7351828aabp-57;
    static constexpr double x_min = -40.0, x_max = 40.0, v_min = -760.0, v_max = 50.0;
    static constexpr double sub_min = -670.0;  // v below: σ(v) and x·σ's correction near the subnormals
    // f' near its zero: silu's near_zero() with these (K = −(x0 − x0_hi)·g0_hi to 2^-160)
    static constexpr double x0_hi = -0x1.81429f9e97e4dp-1, x0_lo = 0x1.4f523ed77dbdcp-55;
    static constexpr double window = 0.03;
    static constexpr double g0_hi = 0x1.b8bacd2c96b91p-2, g0_lo = 0x1.7625a206be83dp-56;
    static constexpr double k_hi = -0x1.20a50541a648bp-56, k_lo = -0x1.dcb4ddead7f64p-111;
    static constexpr int degree = 8;
    static constexpr double p[degree + 1] = {0x1.8cd1a2b2fff32p-2,  -0x1.029615edb077ap-6, -0x1.d2b7734646365p-4,
                                             -0x1.104a83edbde11p-6, 0x1.427996a84b8fcp-6,  0x1.58c9ecb681953p-8,
                                             -0x1.3d84036e997c9p-9, -0x1.e61d6568cdbbep-11, 0x1.07f686a8c6458p-13};
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

// ---- float, in double ------------------------------------------------------------------------
struct gelu_tanh_of_float {
    template <class D>
    RECTIFY_INLINE D operator()(D x) const noexcept {
        using K = gelu_tanh_constants<float>;
        using rectify::detail::at_least;
        using rectify::detail::at_most;
        const D v = x * rectify::detail::mul_add(x * x, D(K::c2), D(K::c1));  // NaN stays NaN
        const D e = exp_neg_for_float(at_most(at_least(v, D(-K::v_max)), D(K::v_max)));
        const D y = rectify::detail::divide(at_least(x, D(K::x_min)), D(D(1) + e));
        // |x| < 2^-125: x/2 + x²·c1/4 in the float subnormals (half_up.hpp)
        return rectify::detail::select(rectify::detail::abs(x) < D(0x1p-125), half_up_for_float(x), y);
    }
};
struct gelu_tanh_derivative_of_float {
    template <class D>
    RECTIFY_INLINE D operator()(D x) const noexcept {
        using K = gelu_tanh_constants<float>;
        using rectify::detail::at_least;
        using rectify::detail::at_most;
        using rectify::detail::mul_add;
        const D xc = at_most(at_least(x, D(K::x_min)), D(K::x_max));
        const D x2 = xc * xc;
        const D v = xc * mul_add(x2, D(K::c2), D(K::c1));
        const D dv = mul_add(x2, D(3 * K::c2), D(K::c1));
        const D e = exp_neg_for_float(at_most(at_least(v, D(-K::v_max)), D(K::v_max)));
        const D w = D(1) + e;
        const D y = rectify::detail::divide(mul_add(D(xc * dv), e, w), D(w * w));
        const D d = (xc - D(K::x0_hi)) - D(K::x0_lo);  // the first difference exact near x0
        const D near = d * polynomial<K::degree>(d, K::p);
        return rectify::detail::select(rectify::detail::abs(d) <= D(K::window), near, y);
    }
};

// ---- double ----------------------------------------------------------------------------------
/// x·(a + b·x²) as hi + lo for |x| ≤ 40, given x² = sh + sl exactly and a, b as hi + lo.
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> x_times_affine_of_square(T x, T sh, T sl, double a_hi, double a_lo,
                                                                  double b_hi, double b_lo) noexcept {
    using rectify::detail::mul_add;
    const T ph = T(b_hi) * sh;
    const T pl = mul_add(T(b_hi), sl, rectify::detail::two_prod_err(T(b_hi), sh, ph)) + T(b_lo) * sh;
    const auto w = rectify::detail::two_sum(T(a_hi), ph);  // b·x² exceeds a for |x| > 3.3 (v) / 1.9 (v')
    const T wl = w.lo + (pl + T(a_lo));
    const T vh = x * w.hi;
    return {vh, mul_add(x, wl, rectify::detail::two_prod_err(x, w.hi, vh))};
}

template <class T>
RECTIFY_INLINE T gelu_tanh_double(T x) noexcept {
    using K = gelu_tanh_constants<double>;
    using rectify::detail::at_least;
    using rectify::detail::at_most;
    using rectify::detail::product_plus;
    const T xl = at_least(x, T(K::x_min));  // NaN stays NaN
    const T xc = at_most(xl, T(K::x_max));
    const T sh = xc * xc;
    const auto v = x_times_affine_of_square(xc, sh, rectify::detail::two_prod_err(xc, xc, sh), K::c1_hi, K::c1_lo,
                                            K::c2_hi, K::c2_lo);
    const T vc = at_most(at_least(v.hi, T(K::v_min)), T(K::v_max));
    const auto k = sigmoid_core_at<sigmoid_exp::split_fitted>(vc, v.lo);
    const T uh = k.inv * k.rcp;
    T y = product_plus(uh, xl, xc * (uh * k.c));
    const auto tiny = vc < T(K::sub_min);
    if (rectify::detail::any(tiny)) {
        const T uh_s = k.inv_scaled * k.rcp;
        y = rectify::detail::select(
            tiny, T(product_plus(uh_s, xl, xc * (uh_s * k.c)) * T(carried_scale<double>::down)), y);
    }
    // Subnormal x: x/2 + x²·c1/4 (half_up.hpp)
    return rectify::detail::select(rectify::detail::abs(x) < T(0x1p-1021), half_up(x), y);
}

template <class T>
RECTIFY_INLINE T gelu_tanh_derivative_double(T x) noexcept {
    using K = gelu_tanh_constants<double>;
    using rectify::detail::mul_add;
    constexpr double down = carried_scale<double>::down;
    const T xc = rectify::detail::at_most(rectify::detail::at_least(x, T(K::x_min)), T(K::x_max));
    const T sh = xc * xc;
    const T sl = rectify::detail::two_prod_err(xc, xc, sh);
    const auto v = x_times_affine_of_square(xc, sh, sl, K::c1_hi, K::c1_lo, K::c2_hi, K::c2_lo);
    const auto m = x_times_affine_of_square(xc, sh, sl, K::c1_hi, K::c1_lo, K::c3_hi, K::c3_lo);  // x·v'
    const T vc = rectify::detail::at_most(rectify::detail::at_least(v.hi, T(K::v_min)), T(K::v_max));
    const auto k = sigmoid_core_at<sigmoid_exp::split_exact>(vc, v.lo);
    // σ(v) = th + tl (scaled by 2^256 for the product; unscaled for 1 − σ(v))
    const T th_s = k.inv_scaled * k.rcp, tl_s = th_s * k.c;
    const T th = k.inv * k.rcp, tl = tl_s * T(down);
    const T uh = T(1) - th;
    const T ul = ((T(1) - uh) - th) - tl;
    // K = 1 + m·σ(−v)
    const T ph = m.hi * uh;
    const T pl = mul_add(m.hi, ul, rectify::detail::two_prod_err(m.hi, uh, ph)) + m.lo * uh;
    const auto ks = rectify::detail::two_sum(T(1), ph);
    const T kh = ks.hi, kl = ks.lo + pl;
    const T y = rectify::detail::product_plus(kh, th_s, mul_add(th_s, kl, tl_s * kh)) * T(down);
    return rectify::detail::select(in_window<K>(xc), near_zero<K>(xc), y);
}

}  // namespace detail

template <class T>
RECTIFY_INLINE T gelu_tanh(T x) noexcept {
    if constexpr (sizeof(rectify::detail::scalar_t<T>) == sizeof(float))
        return detail::in_double(x, detail::gelu_tanh_of_float{});
    else
        return detail::gelu_tanh_double(x);
}

template <class T>
RECTIFY_INLINE T gelu_tanh_derivative(T x) noexcept {
    if constexpr (sizeof(rectify::detail::scalar_t<T>) == sizeof(float))
        return detail::in_double(x, detail::gelu_tanh_derivative_of_float{});
    else
        return detail::gelu_tanh_derivative_double(x);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
