// rectify/detail/ops.hpp — the few operations the math is written in, for scalars and
// xsimd batches alike.
//
// Every activation and math kernel is a template over T = float, double or
// xsimd::batch<float|double, A>; it calls only what is here (plus +, -, *, comparisons). Where an
// instruction set does an operation its own way, the batch form forwards to the overload for the
// batch's arch (detail/arch/), so nothing here names one.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "arch/primitives.hpp"
#include "inline.hpp"
#include "isa.hpp"
#include "xsimd_compat.hpp"

// -ffast-math (__FAST_MATH__ in GCC and clang) lets the compiler reassociate the exact sums the
// exp kernels are built on, assume there are no NaNs (whose propagation every activation
// promises) and drop the sign of zero; linked into a program, it also flushes subnormals from
// the start. Built with it, tests/accuracy.cpp fails: −0 becomes +0, subnormal results are
// flushed, and errors reach 10^7 ULP. A silent wrong answer is worse than a build error: rectify
// stops here unless told that the guarantees are given up.
#if defined(__FAST_MATH__) && !defined(RECTIFY_ALLOW_FAST_MATH)
#error "rectify: -ffast-math voids rectify's NaN semantics and its 1 ULP bound. Compile the files that include rectify with -fno-fast-math, or define RECTIFY_ALLOW_FAST_MATH to accept that."
#endif

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

// ---- element type -------------------------------------------------------------------------
template <class T>
struct scalar_type {
    using type = T;
};
#if RECTIFY_HAS_SIMD
template <class T, class A>
struct scalar_type<xsimd::batch<T, A>> {
    using type = T;
};
#endif
template <class T>
using scalar_t = typename scalar_type<T>::type;

// The integer of the same width as the floating-point element.
template <class S>
using uint_of = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
template <class S>
using int_of = std::conditional_t<sizeof(S) == 4, std::int32_t, std::int64_t>;

// ---- select: m ? a : b, lane by lane ---------------------------------------------------------
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T select(bool m, T a, T b) noexcept {
    return m ? a : b;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> select(xsimd::batch_bool<T, A> const& m,
                                         xsimd::batch<T, A> const& a,
                                         xsimd::batch<T, A> const& b) noexcept {
    return xsimd::select(m, a, b);
}
#endif

/// Whether any lane of a comparison holds.
RECTIFY_INLINE bool any(bool m) noexcept { return m; }
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE bool any(xsimd::batch_bool<T, A> const& m) noexcept {
    return xsimd::any(m);
}
#endif

// ---- bits -------------------------------------------------------------------------------------
// shift_bits_left(z, k): reinterpret z as an integer, shift it left by k, reinterpret back.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T shift_bits_left(T z, int k) noexcept {
    uint_of<T> u;
    std::memcpy(&u, &z, sizeof u);
    u <<= k;
    std::memcpy(&z, &u, sizeof u);
    return z;
}
// clear_low_bits(a, k): a with its k lowest significand bits zeroed (a truncating split).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T clear_low_bits(T a, int k) noexcept {
    uint_of<T> u;
    std::memcpy(&u, &a, sizeof u);
    u &= ~((uint_of<T>(1) << k) - 1);
    std::memcpy(&a, &u, sizeof u);
    return a;
}

// bits_rsub(k, x): k − x's bits, as integers modulo 2^width. With x = 2^n, and k the exponent
// field of 2^(j + bias), it gives 2^(j − n) in one subtraction, whatever n's own field is.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T bits_rsub(uint_of<T> k, T x) noexcept {
    uint_of<T> u;
    std::memcpy(&u, &x, sizeof u);
    u = k - u;
    std::memcpy(&x, &u, sizeof u);
    return x;
}
// or_sign(m, x): m (≥ 0, or NaN) with the sign bit of x; −0 gives −m.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T or_sign(T m, T x) noexcept {
    return std::signbit(x) ? -m : m;
}

#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> shift_bits_left(xsimd::batch<T, A> const& z, int k) noexcept {
    return reinterpret_lanes<T>(reinterpret_lanes<int_of<T>>(z) << k);
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> bits_rsub(uint_of<T> k, xsimd::batch<T, A> const& x) noexcept {
    using I = int_of<T>;
    return reinterpret_lanes<T>(xsimd::batch<I, A>(static_cast<I>(k)) - reinterpret_lanes<I>(x));
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> or_sign(xsimd::batch<T, A> const& m, xsimd::batch<T, A> const& x) noexcept {
    return m | xsimd::bitofsign(x);
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> clear_low_bits(xsimd::batch<T, A> const& a, int k) noexcept {
    using I = int_of<T>;
    const xsimd::batch<I, A> mask(static_cast<I>(~((uint_of<T>(1) << k) - 1)));
    return reinterpret_lanes<T>(reinterpret_lanes<I>(a) & mask);
}
#endif

// ---- fused multiply-add ---------------------------------------------------------------------
// The error-free products below need to know whether a*b+c is rounded once. For scalars that is
// the hardware: whether std::fma is an instruction rather than a slow software routine. For
// batches it is the arch: whether the multiply-add that detail/arch/ gives it rounds once.
template <class T>
struct fused_fma : std::integral_constant<bool, RECTIFY_SCALAR_FUSED_FMA == 1> {};
#if RECTIFY_HAS_SIMD
template <class T, class A>
struct fused_fma<xsimd::batch<T, A>> : std::integral_constant<bool, arch::fused_fma(A{})> {};
#endif

/// a*b + c: rounded once where fused_fma<T>, else a product and a sum.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T mul_add(T a, T b, T c) noexcept {
#if RECTIFY_SCALAR_FUSED_FMA
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c) noexcept {
    return arch::mul_add(a, b, c, A{});
}
#endif

/// a*b − c and c − a*b: rounded once exactly where mul_add is (the error-free products in
/// error_free.hpp rely on it), a product and a sum elsewhere.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T mul_sub(T a, T b, T c) noexcept {
    return detail::mul_add(a, b, -c);
}
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T neg_mul_add(T a, T b, T c) noexcept {
    return detail::mul_add(-a, b, c);
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_sub(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c) noexcept {
    return arch::mul_sub(a, b, c, A{});
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> neg_mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                              xsimd::batch<T, A> const& c) noexcept {
    return arch::neg_mul_add(a, b, c, A{});
}
#endif

/// a / b, rounded once (xsimd 8.1 divides float batches on AArch64 by a reciprocal estimate and
/// two Newton steps, which is not).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T divide(T a, T b) noexcept {
    return a / b;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> divide(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b) noexcept {
    return arch::divide(a, b, A{});
}
#endif

#if RECTIFY_HAS_SIMD
/// A float batch as two double batches of its arch (the first half of its lanes, then the
/// second), exactly, and two double batches back as one float batch, each lane rounded once.
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x) noexcept {
    return arch::widen(x, A{});
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second) noexcept {
    return arch::narrow(first, second, A{});
}
#endif

/// x itself, as a value the compiler cannot see into: a product passed through it has a use that
/// is not a sum, so a compiler that contracts a*b + c into an fma (GCC's default in C++ when the
/// CPU has one) leaves every sum of that product alone. The error-free products of an arch whose
/// mul_add is not fused rely on it (x86's SSE and AVX batches in an FMA build); on scalars, which
/// take that path only where the CPU has no fma, it is x.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T opaque(T x) noexcept {
    return x;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> opaque(xsimd::batch<T, A> const& x) noexcept {
    return arch::opaque(x, A{});
}
#endif

/// x < lo ? lo : x and x > hi ? hi : x, NaN staying NaN. Not xsimd::max / min, whose NaN results
/// changed between xsimd releases; an arch may still do each in one instruction (detail/arch/).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T at_least(T x, T lo) noexcept {
    return x < lo ? lo : x;
}
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T at_most(T x, T hi) noexcept {
    return x > hi ? hi : x;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> at_least(xsimd::batch<T, A> const& x,
                                           xsimd::batch<T, A> const& lo) noexcept {
    return arch::clamp_one_side<false>(x, lo, A{});
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> at_most(xsimd::batch<T, A> const& x,
                                          xsimd::batch<T, A> const& hi) noexcept {
    return arch::clamp_one_side<true>(x, hi, A{});
}
#endif

/// x > 0 ? 1 : x ≤ 0 ? a : x — 1, a, or the NaN itself: the derivative of x > 0 ? x : a·x
/// (ReLU's with a = 0, Leaky ReLU's and PReLU's). Subnormal x counts as positive or negative.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T one_if_positive(T x, T a) noexcept {
    return x > T(0) ? T(1) : x <= T(0) ? a : x;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> one_if_positive(xsimd::batch<T, A> const& x,
                                                  xsimd::batch<T, A> const& a) noexcept {
    return arch::one_if_positive(x, a, A{});
}
#endif

/// c strictly between lo and hi, 0 at either end and beyond, the NaN itself for NaN: the
/// derivative of a clamp (ReLU6, Hardtanh, Hardsigmoid), PyTorch's 0 at both kinks.
template <class T>
RECTIFY_INLINE T constant_between(T x, T lo, T hi, T c) noexcept {
    return detail::select((x > lo) & (x < hi), c, detail::select(x == x, T(0), x));
}

/// |x|.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T abs(T x) noexcept {
    return std::fabs(x);
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> abs(xsimd::batch<T, A> const& x) noexcept {
    return xsimd::abs(x);
}
#endif

/// round(a*b + t), with a*b exact before the one rounding, for |t| small beside |a*b| and b the
/// operand that may be tiny: what a fused fma gives. Without one, Dekker's product: a = ah + al
/// with ah the top half of the significand (a truncating split, so no product takes part in
/// forming it and a compiler that contracts a*b-c into fma cannot break it); ah*bh, ah*bl, al*bh
/// are exact, al*bl nearly so. Its small terms underflow once |a*b| nears the subnormals, so tiny
/// b (and t) are scaled up first and the result down after: one more rounding, only there.
template <class T>
RECTIFY_INLINE T product_plus(T a, T b, T t) noexcept {
    if constexpr (fused_fma<T>::value) {
        return detail::mul_add(a, b, t);
    } else {
        using S = scalar_t<T>;
        constexpr bool single = sizeof(S) == 4;
        constexpr int half = single ? 12 : 27;  // low bits cleared: float 12+12, double 26+27
        const auto tiny = detail::abs(b) < T(S(single ? 0x1p-60 : 0x1p-900));
        const T up = detail::select(tiny, T(S(single ? 0x1p64 : 0x1p512)), T(1));
        const T down = detail::select(tiny, T(S(single ? 0x1p-64 : 0x1p-512)), T(1));
        b = b * up;
        t = t * up;
        const T p = a * b;
        const T ah = detail::clear_low_bits(a, half), al = a - ah;
        const T bh = detail::clear_low_bits(b, half), bl = b - bh;
        const T e = (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
        // p = ±inf (overflow) would make e NaN; p itself is then the answer. p = ±0 makes e +0
        // (x − x is +0), which would turn −0 + −0 into +0: there a·b + t is p + t.
        const T sum = detail::select(p == T(0), p + t, p + (e + t));
        return detail::select(p - p == T(0), sum, p) * down;
    }
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
