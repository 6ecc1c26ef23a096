// rectify/math/celu.hpp — celu(x) = x > 0 ? x : α·expm1(x/α) and celu'(x) = x > 0 ? 1 : e^(x/α),
// for every α > 0, for scalars and batches alike.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: every x; α > 0 and
//   finite, 1/α finite (rectify::celu checks them).
// Max error: 1 ULP against the correctly rounded values (tests/accuracy.cpp), the division x/α
//   included.
// Specials: NaN → NaN; celu(−inf) = −α, celu(+inf) = +inf, celu(±0) = ±0; celu'(−inf) = +0,
//   celu'(+inf) = 1, celu'(±0) = 1 (the left side, e^0); subnormal results kept.
//
// u = x/α is carried as u_h + u_l: u_h = RN(x·RN(1/α)) (no division: a faithful quotient),
// u_l = (x − u_h·α_h − u_h·α_l)·RN(1/α), the first remainder exact with an fma. u_l joins the
// reduction's r_lo, so the rounding of x/α costs nothing (a plain RN(x/α) would cost up to
// |u|·e^u/|expm1 u|·2^-24: 0.58 ULP at u = −1).
//   e^u = 2^m·(1 + Vh + Vl + L), m ≤ 0 (exp_neg_split at −u);
//   expm1 u = (2^m − 1) + 2^m·Vh + [what 2^m − 1 dropped] + 2^m·(Vl + L): M_h + M_l by Fast2Sums
//   (|2^m − 1| ≥ |2^m·Vh|; for m < −24 the dropped 2^m is kept, the result being within 2^-24 of
//   −1 there);
//   celu = α_h·M_h + (α_h·M_l + α_l·M_h), rounded once.
// x ≥ −α·2^-25 (−α·2^-54 double), which includes x > 0, ±0 and subnormal x, returns x itself:
// α·expm1(x/α) rounds to x there (x²/2α < 2^-25·|x|). u is clamped at −30 / −45: e^u < 2^-43 /
// 2^-64.
// Derivative: e^u = 2^m·RN(E_h + E_l), E_h = RN(1 + Vh), 2^m carrying 2^k for the subnormal
// results (x/α < −87.3 in float); u clamped at −110 / −760, where e^u rounds to +0.
#pragma once

#include "exp_core.hpp"

#include <limits>

namespace rectify {
namespace math {

/// α as hi + lo and RN(1/α) in S, and the bounds of x that depend on α (see the top).
template <class S>
struct celu_parameters {
    S alpha_hi, alpha_lo, inverse;
    S x_min;      // u ≥ −30 (float) / −45 (double) for expm1
    S x_min_exp;  // u ≥ −110 / −760 for e^u
    S x_small;    // −α·2^-25 (−α·2^-54): above, celu(x) rounds to x
};

inline namespace RECTIFY_ISA {  // see detail/isa.hpp

template <class S>
inline celu_parameters<S> celu_parameters_for(double alpha) noexcept {
    constexpr bool single = sizeof(S) == sizeof(float);
    const auto at = [alpha](double u) {  // −u·α, at least −max
        const double m = u * alpha;
        return m > double(std::numeric_limits<S>::max()) ? -std::numeric_limits<S>::max() : S(-m);
    };
    celu_parameters<S> k;
    k.alpha_hi = S(alpha);
    k.alpha_lo = S(alpha - double(k.alpha_hi));
    k.inverse = S(1.0 / alpha);
    k.x_min = at(single ? 30.0 : 45.0);
    k.x_min_exp = at(single ? 110.0 : 760.0);
    k.x_small = S(-alpha * (single ? 0x1p-25 : 0x1p-54));
    return k;
}

namespace detail {
/// x/α = hi + lo.
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> divided_by_alpha(T xc, const celu_parameters<rectify::detail::scalar_t<T>>& k) noexcept {
    const T uh = xc * T(k.inverse);
    const T rem = rectify::detail::neg_mul_add(uh, T(k.alpha_lo), rectify::detail::residual(uh, T(k.alpha_hi), xc));
    return {uh, rem * T(k.inverse)};
}
}  // namespace detail

template <class T>
RECTIFY_INLINE T celu(T x, const celu_parameters<rectify::detail::scalar_t<T>>& k) noexcept {
    using rectify::detail::mul_add;
    const T xc = rectify::detail::at_least(x, T(k.x_min));  // NaN stays NaN
    const auto u = detail::divided_by_alpha(xc, k);
    const auto e = detail::exp_neg_split(T(-u.hi), T(-u.lo));  // e^u = 2^m (1 + Vh + Vl + L), m ≤ 0
    const T s = e.scale;
    const T a = s - T(1);
    const T a_lo = s - (a + T(1));  // Fast2Sum(−1, 2^m): what 2^m − 1 dropped
    const T b = s * e.vh;
    const T mh = a + b;  // Fast2Sum: |2^m − 1| ≥ |2^m·Vh| (m = 0: a = 0, exact)
    const T ml = mul_add(s, e.vl + e.lo, ((a - mh) + b) + a_lo);
    const T y = rectify::detail::product_plus(T(k.alpha_hi), mh, mul_add(T(k.alpha_hi), ml, T(k.alpha_lo) * mh));
    return rectify::detail::select(x >= T(k.x_small), x, y);
}

template <class T>
RECTIFY_INLINE T celu_derivative(T x, const celu_parameters<rectify::detail::scalar_t<T>>& k) noexcept {
    using S = rectify::detail::scalar_t<T>;
    const T xc = rectify::detail::at_most(rectify::detail::at_least(x, T(k.x_min_exp)), T(0));
    const auto u = detail::divided_by_alpha(xc, k);
    const auto e = detail::exp_neg_split<carried_scale<S>::exponent>(T(-u.hi), T(-u.lo));
    const T eh = T(1) + e.vh;
    const T el = ((T(1) - eh) + e.vh) + (e.vl + e.lo);
    const T y = ((eh + el) * e.scale) * T(carried_scale<S>::down);
    return rectify::detail::select(x > T(0), T(1), y);
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
