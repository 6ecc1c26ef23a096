// tests/double_double.hpp — c·(e^x − 1) and c·e^x in double-double arithmetic (about 100 bits),
// the double-precision references of the tests where long double is no wider than double
// (32-bit ARM, where std::expm1(long double) is glibc's double expm1: ≤ 1 ULP, so a bound of 1 ULP
// from the correctly rounded value cannot be judged against it).
//
// Method: x = k·ln2 + r with ln2 as a double-double (|k| ≤ 1100, so k·ln2 is off by ~2^-97), e^r
// and, for |x| ≤ 1/2, e^x − 1 by their Taylor series in double-double, the product with c exact
// (fma), and the scaling by 2^k rounded once, into the subnormals too.
#pragma once

#include <cfloat>
#include <cmath>

namespace rectify_test {
namespace dd {

/// hi + lo, |lo| ≤ ulp(hi)/2: hi is the value rounded to double.
struct number {
    double hi, lo;
};
inline number fast_two_sum(double a, double b) {  // |a| ≥ |b|
    const double s = a + b;
    return {s, b - (s - a)};
}
inline number two_sum(double a, double b) {
    const double s = a + b, bb = s - a;
    return {s, (a - (s - bb)) + (b - bb)};
}
inline number add(number a, number b) {
    const number s = two_sum(a.hi, b.hi);
    return fast_two_sum(s.hi, s.lo + a.lo + b.lo);
}
inline number mul(number a, number b) {
    const double p = a.hi * b.hi;
    const double e = std::fma(a.hi, b.hi, -p);  // exact: std::fma is correctly rounded
    return fast_two_sum(p, e + (a.hi * b.lo + a.lo * b.hi));
}
inline number mul(number a, double b) { return mul(a, number{b, 0}); }
inline number div(number a, double b) {
    const double q = a.hi / b;
    const double r = (std::fma(-q, b, a.hi) + a.lo) / b;
    return fast_two_sum(q, r);
}

/// Σ_{j ≥ first} r^j / j! for |r| ≤ 1/2, to 2^-106 of the sum (first = 0: e^r, 1: e^r − 1).
inline number taylor(number r, int first) {
    number term{1, 0}, sum{first == 0 ? 1.0 : 0.0, 0};
    for (int j = 1; j < 40; ++j) {
        term = div(mul(term, r), j);
        if (j >= first) sum = add(sum, term);
        if (std::fabs(term.hi) < std::fabs(sum.hi) * 0x1p-110) break;
    }
    return sum;
}

/// e^x = m·2^k with m = e^r, |r| ≤ ln2/2 + ε; x in [−1100, 710].
struct scaled {
    number m;
    int k;
};
inline scaled exp_scaled(double x) {
    const double ln2_hi = 0x1.62e42fefa39efp-1, ln2_lo = 0x1.abc9e3b39803fp-56;
    const double k = std::nearbyint(x / ln2_hi);
    const number p_hi{k * ln2_hi, std::fma(k, ln2_hi, -k * ln2_hi)};  // k·ln2_hi exactly
    const number p_lo{k * ln2_lo, std::fma(k, ln2_lo, -k * ln2_lo)};
    const number r = add(add(number{x, 0}, number{-p_hi.hi, -p_hi.lo}), number{-p_lo.hi, -p_lo.lo});
    return {taylor(r, 0), static_cast<int>(k)};
}

/// (hi + lo)·2^k rounded once to double, subnormal results included.
inline double round_scaled(number v, int k) {
    double h = std::ldexp(v.hi, k);
    if (std::ldexp(h, -k) == v.hi && (std::fabs(h) >= DBL_MIN || h == 0)) return h;  // exact scaling
    // Subnormal: ldexp rounded hi alone to the grid of denorm_min; the part it dropped, with lo,
    // decides whether the neighbour is nearer (both exact: h·2^-k is a double near hi).
    const double dropped = (v.hi - std::ldexp(h, -k)) + v.lo;
    const double half_step = std::ldexp(DBL_TRUE_MIN, -k) / 2;
    if (dropped > half_step) h = std::nextafter(h, HUGE_VAL);
    else if (dropped < -half_step) h = std::nextafter(h, -HUGE_VAL);
    return h;
}

/// c·e^x, as hi + lo before the final rounding (normal results) and rounded once.
inline number scaled_exp(double c, double x) {
    if (std::isnan(x)) return {x, 0};
    if (x < -1100) return {0.0 * c, 0};
    if (x > 709) return {c * std::exp(x), 0};  // not needed by the tests: no more than double
    const scaled e = exp_scaled(x);
    const number m = mul(e.m, c);
    const double rounded = round_scaled(m, e.k);
    if (std::fabs(rounded) < DBL_MIN) return {rounded, 0};
    return {std::ldexp(m.hi, e.k), std::ldexp(m.lo, e.k)};
}

/// c·(e^x − 1) for x ≤ 0, as hi + lo (hi the correctly rounded value; the result is never
/// subnormal but where x is, and then it is c·x rounded).
inline number scaled_expm1(double c, double x) {
    if (std::isnan(x)) return {x, 0};
    if (x == 0) return {c * x, 0};
    if (x > -0x1p-500) {
        // c·x·(1 + x/2 + …) with |x| below 2^-500: c·x rounded (a relative 2^-501 cannot move it),
        // formed at a scale where its low part is not subnormal.
        const number m = mul(number{std::ldexp(x, 600), 0}, c);
        return {round_scaled(m, -600), std::ldexp(m.lo, -600)};
    }
    number v;
    if (x >= -0.5) {
        v = taylor(number{x, 0}, 1);
    } else if (x < -800) {
        v = {-1, 0};  // e^x < 2^-1150
    } else {
        const scaled e = exp_scaled(x);
        v = add(number{std::ldexp(e.m.hi, e.k), std::ldexp(e.m.lo, e.k)}, number{-1, 0});
    }
    return mul(v, c);
}

}  // namespace dd
}  // namespace rectify_test
