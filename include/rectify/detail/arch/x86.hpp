// rectify/detail/arch/x86.hpp — SSE2, AVX and AVX-512: the primitives x86 does in fewer
// instructions than generic.hpp, its fused multiply-add, and its non-temporal stores.
//
// xsimd's x86 archs have three roots: sse2 (sse3 … sse4_2, fma3<sse4_2>), avx (avx2, fma3<avx>,
// fma3<avx2>) and avx512f (avx512cd, avx512dq, avx512bw, …). avx does not derive from sse2, nor
// avx512f from avx, in any xsimd release, so a primitive every x86 arch has needs an overload per
// root. The intrinsics come with xsimd, which includes <immintrin.h> for the archs it enables.
#pragma once

#include <array>
#include <type_traits>

#include "../inline.hpp"
#include "../isa.hpp"
#include "../xsimd_compat.hpp"

// FMA3 (x86-64-v3 and later): std::fma is one instruction. GCC also defines FP_FAST_FMA there,
// clang does not.
#if defined(__FMA__) && !defined(RECTIFY_SCALAR_FUSED_FMA)
#define RECTIFY_SCALAR_FUSED_FMA 1
#endif

#if RECTIFY_HAS_SIMD && XSIMD_WITH_SSE2
namespace rectify {
namespace detail {
namespace arch {
inline namespace RECTIFY_ISA {  // see ../isa.hpp

// ---- fused multiply-add --------------------------------------------------------------------
// xsimd::fma is fused on fma3<...>, but on sse2 … avx2 it is a multiply and an add, and on
// avx512f (xsimd 8.1) too, so AVX-512 takes the intrinsic.
constexpr bool fused_fma(xsimd::fma3<xsimd::sse4_2>) noexcept { return true; }
constexpr bool fused_fma(xsimd::fma3<xsimd::avx>) noexcept { return true; }
constexpr bool fused_fma(xsimd::fma3<xsimd::avx2>) noexcept { return true; }
constexpr bool fused_fma(xsimd::avx512f) noexcept { return true; }

#if XSIMD_WITH_AVX512F
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c, xsimd::avx512f) noexcept {
    if constexpr (std::is_same<T, float>::value)
        return _mm512_fmadd_ps(a, b, c);
    else
        return _mm512_fmadd_pd(a, b, c);
}
#endif

// a*b − c and c − a*b: xsimd::fms / fnma are one fused instruction on the fma3 archs (not on
// NEON, where generic.hpp's negation into mul_add keeps them fused exactly when mul_add is);
// AVX-512 takes the intrinsics, as for mul_add.
#define RECTIFY_X86_FMA3_MUL_SUB(root)                                                            \
    template <class T, class A>                                                                   \
    RECTIFY_INLINE xsimd::batch<T, A> mul_sub(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b, \
                                              xsimd::batch<T, A> const& c, xsimd::fma3<root>) noexcept { \
        return xsimd::fms(a, b, c);                                                               \
    }                                                                                             \
    template <class T, class A>                                                                   \
    RECTIFY_INLINE xsimd::batch<T, A> neg_mul_add(xsimd::batch<T, A> const& a,                    \
                                                  xsimd::batch<T, A> const& b,                    \
                                                  xsimd::batch<T, A> const& c, xsimd::fma3<root>) noexcept { \
        return xsimd::fnma(a, b, c);                                                              \
    }
RECTIFY_X86_FMA3_MUL_SUB(xsimd::sse4_2)
#if XSIMD_WITH_AVX
RECTIFY_X86_FMA3_MUL_SUB(xsimd::avx)
RECTIFY_X86_FMA3_MUL_SUB(xsimd::avx2)
#endif
#undef RECTIFY_X86_FMA3_MUL_SUB
#if XSIMD_WITH_AVX512F
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_sub(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c, xsimd::avx512f) noexcept {
    if constexpr (std::is_same<T, float>::value)
        return _mm512_fmsub_ps(a, b, c);
    else
        return _mm512_fmsub_pd(a, b, c);
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> neg_mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                              xsimd::batch<T, A> const& c, xsimd::avx512f) noexcept {
    if constexpr (std::is_same<T, float>::value)
        return _mm512_fnmadd_ps(a, b, c);
    else
        return _mm512_fnmadd_pd(a, b, c);
}
#endif

// ---- a value the compiler cannot see into ---------------------------------------------------
// The SSE and AVX roots run unfused batches in a program built for FMA, where GCC contracts a*b + c
// on its own: an empty asm statement holding the register is a use of the product that is not a
// sum (../ops.hpp's opaque), and costs no instruction.
#if defined(__GNUC__)
#define RECTIFY_X86_OPAQUE(root)                                                                  \
    template <class T, class A>                                                                   \
    RECTIFY_INLINE xsimd::batch<T, A> opaque(xsimd::batch<T, A> const& x, root) noexcept {       \
        typename xsimd::batch<T, A>::register_type r = x;                                         \
        __asm__("" : "+x"(r));                                                                    \
        return r;                                                                                 \
    }
RECTIFY_X86_OPAQUE(xsimd::sse2)
#if XSIMD_WITH_AVX
RECTIFY_X86_OPAQUE(xsimd::avx)
#endif
#undef RECTIFY_X86_OPAQUE
#endif

// ---- what every x86 root does alike ---------------------------------------------------------
// The three roots differ here only in the intrinsics' prefix (_mm, _mm256, _mm512), which a
// template cannot form: one macro defines the overloads of a root, used once per root.
//
// clamp_one_side: one max (Min = false) or min (Min = true). x86 max and min return their second
// operand when either is NaN, so the bound goes first and a NaN x comes back as itself.
// store_stream: a non-temporal store, `p` aligned to the batch. Such stores are weakly ordered:
// stream_fence (sfence, the same for every root) publishes them before the call returns.
#define RECTIFY_X86_ROOT_PRIMITIVES(root, prefix)                                                 \
    template <bool Min, class T, class A>                                                         \
    RECTIFY_INLINE xsimd::batch<T, A> clamp_one_side(xsimd::batch<T, A> const& x,                 \
                                                     xsimd::batch<T, A> const& b, root) noexcept { \
        if constexpr (std::is_same<T, float>::value)                                              \
            return Min ? prefix##_min_ps(b, x) : prefix##_max_ps(b, x);                           \
        else                                                                                      \
            return Min ? prefix##_min_pd(b, x) : prefix##_max_pd(b, x);                           \
    }                                                                                             \
    template <class T, class A>                                                                   \
    inline void store_stream(T* p, xsimd::batch<T, A> const& v, root) noexcept {                  \
        if constexpr (std::is_same<T, float>::value)                                              \
            prefix##_stream_ps(p, v);                                                             \
        else                                                                                      \
            prefix##_stream_pd(p, v);                                                             \
    }                                                                                             \
    inline void stream_fence(root) noexcept { _mm_sfence(); }

RECTIFY_X86_ROOT_PRIMITIVES(xsimd::sse2, _mm)
#if XSIMD_WITH_AVX
RECTIFY_X86_ROOT_PRIMITIVES(xsimd::avx, _mm256)
#endif
#if XSIMD_WITH_AVX512F
RECTIFY_X86_ROOT_PRIMITIVES(xsimd::avx512f, _mm512)
#endif
#undef RECTIFY_X86_ROOT_PRIMITIVES

// ---- float lanes as doubles and back ----------------------------------------------------------
// generic.hpp's widen / narrow in registers: cvtps2pd of each half (exact), cvtpd2ps of each
// (rounded once, as a scalar conversion) and one insert.
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x, xsimd::sse2) noexcept {
    const __m128 v = x;
    return {_mm_cvtps_pd(v), _mm_cvtps_pd(_mm_movehl_ps(v, v))};
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second, xsimd::sse2) noexcept {
    return _mm_movelh_ps(_mm_cvtpd_ps(first), _mm_cvtpd_ps(second));
}
#if XSIMD_WITH_AVX
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x, xsimd::avx) noexcept {
    const __m256 v = x;
    return {_mm256_cvtps_pd(_mm256_castps256_ps128(v)), _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1))};
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second, xsimd::avx) noexcept {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(first)), _mm256_cvtpd_ps(second), 1);
}
#endif
#if XSIMD_WITH_AVX512F
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x, xsimd::avx512f) noexcept {
    const __m512d v = _mm512_castps_pd(x);
    return {_mm512_cvtps_pd(_mm256_castpd_ps(_mm512_castpd512_pd256(v))),
            _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(v, 1)))};
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second, xsimd::avx512f) noexcept {
    // The first half widened with zeros (not a cast, whose upper half is undefined).
    const __m512d low = _mm512_zextpd256_pd512(_mm256_castps_pd(_mm512_cvtpd_ps(first)));
    return _mm512_castpd_ps(_mm512_insertf64x4(low, _mm256_castps_pd(_mm512_cvtpd_ps(second)), 1));
}
#endif

// ---- x > 0 ? 1 : x ≤ 0 ? a : x -------------------------------------------------------------
// One vfixupimm, which classifies each lane of x and picks by class: +1 for positive, +1 and
// +inf; `a` for ±0, negative and −inf; x itself for a NaN (bit for bit what generic.hpp's selects
// give). Subnormal x is positive or negative, as for the compares (zero under DAZ, as for them
// too). Backward at sizes that stay in L1 is bound by these operations.
#if XSIMD_WITH_AVX512F
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> one_if_positive(xsimd::batch<T, A> const& x,
                                                  xsimd::batch<T, A> const& a, xsimd::avx512f) noexcept {
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

}  // namespace RECTIFY_ISA
}  // namespace arch
}  // namespace detail
}  // namespace rectify
#endif
