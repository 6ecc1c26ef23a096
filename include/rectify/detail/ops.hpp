// rectify/detail/ops.hpp — the few operations the math is written in, for scalars and
// xsimd batches alike.
//
// Every activation and math kernel is a template over T = float, double or
// xsimd::batch<float|double, A>; it calls only what is here (plus +, -, *, comparisons).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../arch.hpp"
#include "isa.hpp"
#include "xsimd_compat.hpp"

// -ffast-math (__FAST_MATH__ in GCC and clang) lets the compiler reassociate the exact sums the
// exp kernels are built on, assume there are no NaNs (whose propagation every activation
// promises) and drop the sign of zero; linked into a program, it also flushes subnormals from
// the start. tests/accuracy.cpp built with -O3 -ffast-math: 9 of its 13 sweeps fail (−0 → +0,
// subnormal results flushed, errors of 10^7 ULP and more). A silent wrong answer is worse than
// a build error: rectify stops here unless told that the guarantees are given up.
#if defined(__FAST_MATH__) && !defined(RECTIFY_ALLOW_FAST_MATH)
#error "rectify: -ffast-math voids rectify's NaN semantics and its 1 ULP bound. Compile the files that include rectify with -fno-fast-math, or define RECTIFY_ALLOW_FAST_MATH to accept that."
#endif

// The per-lane kernels are forced inline into the loops that call them. GCC declines to inline
// one as large as ELU's into an unrolled loop once a translation unit holds many of them (the
// benchmark binary): a call per batch then made ELU forward 11% slower at 16 Ki elements
// (measured here).
// RECTIFY_INLINE_LAMBDA does the same for the lambda that wraps a kernel. Not in unoptimized
// builds, where forcing it only slows compilation (the sanitizer build of the tests: 3.5x).
#if (defined(__GNUC__) || defined(__clang__)) && defined(__OPTIMIZE__)
#define RECTIFY_INLINE inline __attribute__((always_inline))
#define RECTIFY_INLINE_LAMBDA __attribute__((always_inline))
#elif defined(_MSC_VER)
#define RECTIFY_INLINE __forceinline
#define RECTIFY_INLINE_LAMBDA
#else
#define RECTIFY_INLINE inline
#define RECTIFY_INLINE_LAMBDA
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

#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> shift_bits_left(xsimd::batch<T, A> const& z, int k) noexcept {
    return reinterpret_lanes<T>(reinterpret_lanes<int_of<T>>(z) << k);
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
// the hardware (FP_FAST_FMA: std::fma is an instruction, not a slow software routine). For
// batches it is the arch: xsimd's fma is fused on fma3<...> and NEON with FMA, but on avx512f
// (8.1) and on sse2...avx2 it is a multiply and an add, so AVX-512 gets the intrinsic here.
// ARM has FMA where __ARM_FEATURE_FMA is defined: all of AArch64, and 32-bit ARM with VFPv4
// (-mfpu=neon-vfpv4, not -mfpu=neon). xsimd (8.1 to 14) uses vfmaq_f32 only under that macro
// and else computes x*y + z, so 32-bit NEON without VFPv4 is not fused, nor is its scalar VFP.
#if defined(FP_FAST_FMA) || defined(__FMA__) || defined(__ARM_FEATURE_FMA)
#define RECTIFY_SCALAR_FUSED_FMA 1
#else
#define RECTIFY_SCALAR_FUSED_FMA 0
#endif
#if defined(__ARM_FEATURE_FMA)
#define RECTIFY_NEON_FUSED_FMA 1
#else
#define RECTIFY_NEON_FUSED_FMA 0
#endif

template <class T>
struct fused_fma : std::integral_constant<bool, RECTIFY_SCALAR_FUSED_FMA == 1> {};
#if RECTIFY_HAS_SIMD
template <class T, class A>
struct fused_fma<xsimd::batch<T, A>>
    : std::integral_constant<bool, std::is_base_of<xsimd::avx512f, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::sse4_2>, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::avx>, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::avx2>, A>::value ||
                                       (std::is_base_of<xsimd::neon, A>::value &&
                                        RECTIFY_NEON_FUSED_FMA == 1)> {};
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
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
        if constexpr (std::is_same<T, float>::value)
            return _mm512_fmadd_ps(a, b, c);
        else
            return _mm512_fmadd_pd(a, b, c);
    }
#endif
    return xsimd::fma(a, b, c);
}
#endif

/// x < lo ? lo : x and x > hi ? hi : x, NaN staying NaN: a clamp in one instruction on x86.
/// Not xsimd::max / min, whose NaN results changed between xsimd releases; x86 max and min return
/// their second operand when either is NaN, so the bound goes first.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T at_least(T x, T lo) noexcept {
    return x < lo ? lo : x;
}
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T at_most(T x, T hi) noexcept {
    return x > hi ? hi : x;
}
#if RECTIFY_HAS_SIMD
// One x86 max (Min = false) or min (Min = true) with the bound first, else a select. An
// else-chain: avx512f derives from avx, and a discarded branch must not be instantiated.
template <bool Min, class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> clamp_one_side(xsimd::batch<T, A> const& x,
                                                 xsimd::batch<T, A> const& b) noexcept {
    [[maybe_unused]] constexpr bool single = std::is_same<T, float>::value;
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
        if constexpr (single) return Min ? _mm512_min_ps(b, x) : _mm512_max_ps(b, x);
        else return Min ? _mm512_min_pd(b, x) : _mm512_max_pd(b, x);
    } else
#endif
#if XSIMD_WITH_AVX
    if constexpr (std::is_base_of<xsimd::avx, A>::value) {
        if constexpr (single) return Min ? _mm256_min_ps(b, x) : _mm256_max_ps(b, x);
        else return Min ? _mm256_min_pd(b, x) : _mm256_max_pd(b, x);
    } else
#endif
#if XSIMD_WITH_SSE2
    if constexpr (std::is_base_of<xsimd::sse2, A>::value) {
        if constexpr (single) return Min ? _mm_min_ps(b, x) : _mm_max_ps(b, x);
        else return Min ? _mm_min_pd(b, x) : _mm_max_pd(b, x);
    } else
#endif
    {
        return xsimd::select(Min ? x > b : x < b, b, x);
    }
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> at_least(xsimd::batch<T, A> const& x,
                                           xsimd::batch<T, A> const& lo) noexcept {
    return clamp_one_side<false>(x, lo);
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> at_most(xsimd::batch<T, A> const& x,
                                          xsimd::batch<T, A> const& hi) noexcept {
    return clamp_one_side<true>(x, hi);
}
#endif

/// x > 0 ? 1 : x ≤ 0 ? a : x — 1, a, or the NaN itself: the derivative of x > 0 ? x : a·x
/// (ReLU's with a = 0, Leaky ReLU's and PReLU's). Two compares and two selects in general; on
/// AVX-512 one vfixupimm, which classifies each lane of x and picks by class: +1 for positive,
/// +1 and +inf; `a` for ±0, negative and −inf; x itself for a NaN (bit for bit what the selects
/// give). Subnormal x is positive or negative, as for the compares (zero under DAZ, as for
/// them too). Backward at 1 Ki floats, in L1, is bound by these operations.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
RECTIFY_INLINE T one_if_positive(T x, T a) noexcept {
    return x > T(0) ? T(1) : x <= T(0) ? a : x;
}
#if RECTIFY_HAS_SIMD
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> one_if_positive(xsimd::batch<T, A> const& x,
                                                  xsimd::batch<T, A> const& a) noexcept {
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
        // One 4-bit response per class of x, class 0 in the low bits: QNaN, SNaN → 1 (x);
        // ±0 → 0 (the first operand, a); +1 → 10 (+1.0); −inf → 0; +inf → 10; negative → 0;
        // positive → 10.
        constexpr int responses = static_cast<int>(0xA0A0A011u);
        if constexpr (std::is_same<T, float>::value)
            return _mm512_fixupimm_ps(a, x, _mm512_set1_epi32(responses), 0);
        else
            return _mm512_fixupimm_pd(a, x, _mm512_set1_epi64(responses), 0);
    }
#endif
    return xsimd::select(x > xsimd::batch<T, A>(T(0)), xsimd::batch<T, A>(T(1)),
                         xsimd::select(x <= xsimd::batch<T, A>(T(0)), a, x));
}
#endif

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
