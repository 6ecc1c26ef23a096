// tests/reference.hpp — exact values to judge rectify against, and the bit-level measures of the
// distance from them. Catch2-free: the Catch2 tests and the accuracy sweep share it.
//
// A reference is the true value of a function at a point of T, precise enough to round correctly
// to T and to measure the error in fractions of an ULP: exact_t<T>. For float that is a double
// (glibc's double expm1 and exp round correctly to float: on every one of 14.7 million inputs
// checked against MPFR); for double a long double where it is wider than double, else (32-bit ARM)
// a double-double, hi + lo (double_double.hpp): glibc's double expm1 and exp are within 1 ULP, not
// 1/2, so they cannot judge a 1 ULP bound. A reference that needs more than long double (the
// zeros of a derivative, where the terms cancel) may return a double-double for double on every
// target, computed for instance with MPFR: every measure below takes both forms.
#pragma once

#include "double_double.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>

namespace rectify_test {

constexpr bool long_double_is_double = std::numeric_limits<long double>::digits <= std::numeric_limits<double>::digits;

template <class T>
using exact_t = std::conditional_t<sizeof(T) == sizeof(float), double,
                                   std::conditional_t<long_double_is_double, dd::number, long double>>;

/// A value of T taken as its own exact value (a formula the contract computes in T).
template <class T>
exact_t<T> exactly(T v) {
    if constexpr (std::is_same<exact_t<T>, dd::number>::value) return dd::number{v, 0};
    else return v;
}

/// A double-double as the exact value for T: rounded to double for float (as every float
/// reference), whole for double (the measures below take it on every target).
template <class T>
auto from_double_double(dd::number v) {
    if constexpr (sizeof(T) == sizeof(float)) return v.hi;
    else return v;
}
template <class T>
auto from_double_double(T v) {
    return from_double_double<T>(dd::number{static_cast<double>(v), 0});
}

/// c·(e^x − 1), c·e^x and c·x, exact to the precision of exact_t<T>.
template <class T>
exact_t<T> scaled_expm1(long double c, T x) {
    if constexpr (sizeof(T) == sizeof(float)) return static_cast<double>(c) * std::expm1(static_cast<double>(x));
    else if constexpr (long_double_is_double) return dd::scaled_expm1(static_cast<double>(c), x);
    else return c * std::expm1(static_cast<long double>(x));
}
template <class T>
exact_t<T> scaled_exp(long double c, T x) {
    if constexpr (sizeof(T) == sizeof(float)) return static_cast<double>(c) * std::exp(static_cast<double>(x));
    else if constexpr (long_double_is_double) return dd::scaled_exp(static_cast<double>(c), x);
    else return c * std::exp(static_cast<long double>(x));
}
template <class T>
exact_t<T> scaled(long double c, T x) {
    if constexpr (sizeof(T) == sizeof(float)) {
        return static_cast<double>(c * x);
    } else if constexpr (long_double_is_double) {
        const double p = static_cast<double>(c) * x;  // rounded; the error exactly, where p is finite
        return dd::number{p, std::isfinite(p) ? std::fma(static_cast<double>(c), x, -p) : 0.0};
    } else {
        return c * x;
    }
}

/// The exact value rounded to T (hi is the rounded value of a double-double).
template <class T>
T rounded(long double v) {
    return static_cast<T>(v);
}
template <class T>
T rounded(double v) {
    return static_cast<T>(v);
}
template <class T>
T rounded(dd::number v) {
    return static_cast<T>(v.hi);
}

// ---- bits and ULPs ------------------------------------------------------------------------------
template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
template <class T>
bits_of<T> bits(T v) {
    bits_of<T> u;
    std::memcpy(&u, &v, sizeof u);
    return u;
}
template <class T>
T from_bits(bits_of<T> u) {
    T v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}
/// Bit-identical, or both NaN (NaN payloads are not part of the contract).
template <class T>
bool same(T a, T b) {
    return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b));
}
/// Position on the number line in ULP steps, monotone over ±0, subnormals and infinities.
template <class T>
std::int64_t ordinal(T v) {
    using I = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
    I i;
    std::memcpy(&i, &v, sizeof i);
    const I magnitude = i & std::numeric_limits<I>::max();
    return i < 0 ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
}
/// ULP steps from a to b; 0 for two NaNs, "infinitely many" for NaN against a number, and a zero
/// of the wrong sign is one step off (the contract keeps the sign of zero).
template <class T>
std::int64_t ulps(T a, T b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
    if (a == 0 && b == 0) return std::signbit(a) == std::signbit(b) ? 0 : 1;
    return std::llabs(ordinal(a) - ordinal(b));
}
/// The spacing of T at |v| (at least the smallest subnormal).
template <class T>
T ulp_of(T v) {
    const T a = std::fabs(v);
    return std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
}

/// |ours − exact| in units of the last place of T at exact (the ulp of exact's binade, at least
/// the smallest subnormal's): the number the accuracy tables quote. 0 where exact is 0, infinite or
/// NaN (the distance in steps from the rounded value judges those).
template <class T, class R>
double ulp_fraction(T ours, R exact) {
    static_assert(std::is_floating_point<R>::value, "a double or long double reference");
    if (std::isnan(exact) || std::isinf(static_cast<T>(exact)) || exact == 0) return 0;
    int exponent;
    std::frexp(exact, &exponent);
    const R ulp = std::ldexp(R(1), std::max(exponent, std::numeric_limits<T>::min_exponent) - std::numeric_limits<T>::digits);
    return static_cast<double>(std::fabs(R(ours) - exact) / ulp);
}
template <class T>
double ulp_fraction(T ours, dd::number exact) {
    static_assert(sizeof(T) == sizeof(double), "a double-double judges doubles");
    if (std::isnan(exact.hi) || std::isinf(exact.hi) || exact.hi == 0) return 0;
    int exponent;
    std::frexp(exact.hi, &exponent);
    const double ulp = std::ldexp(1.0, std::max(exponent, std::numeric_limits<double>::min_exponent) - std::numeric_limits<double>::digits);
    return std::fabs((ours - exact.hi) - exact.lo) / ulp;  // ours − hi is exact
}

}  // namespace rectify_test
