// rectify/detail/isa.hpp — a namespace per instruction set, so that code built for one never
// stands in for code built for another.
//
// rectify is header-only: all of its functions are inline, and a program may compile them in
// several translation units with different flags (a baseline unit and an -mavx2 or -march=native
// one: the usual way to ship a fast path). The linker keeps one body per mangled name. Had
// `detail::mul_add<float>` or `forward<scalar, relu, float>` the same name in both units, the
// baseline unit could end up calling the AVX-512 body and die with SIGILL on an older CPU (or get
// the other unit's rounding: std::fma is an instruction there and a sum elsewhere).
//
// So every function of rectify is declared inside `inline namespace RECTIFY_ISA`, a name built
// from the instruction-set features the compiler enables (isa_sse2, isa_avx2_fma_bmi2, …): calls
// do not name it (rectify::forward, detail::mul_add), the symbols differ per feature set.
// Types (the activations, channel_shape, the arch tags) stay outside it, so that they are the
// same type in every unit and can cross between them; their member function templates take a
// defaulted template argument from it (`class = detail::isa_tag`), which puts the feature set into
// their symbols too. A program that wants its own name (or one name for units whose features
// differ only where rectify cannot tell) may define RECTIFY_ISA before including rectify.
#pragma once

#define RECTIFY_ISA_JOIN_(a, b) a##b
#define RECTIFY_ISA_JOIN(a, b) RECTIFY_ISA_JOIN_(a, b)

// x86: the SSE–AVX2 levels each include the one below, so the highest names them all; the rest
// are independent of it and of each other (GCC also uses BMI2 and friends in integer code).
#if defined(__AVX2__)
#define RECTIFY_ISA_X86_LEVEL _avx2
#elif defined(__AVX__)
#define RECTIFY_ISA_X86_LEVEL _avx
#elif defined(__SSE4_2__)
#define RECTIFY_ISA_X86_LEVEL _sse42
#elif defined(__SSE4_1__)
#define RECTIFY_ISA_X86_LEVEL _sse41
#elif defined(__SSSE3__)
#define RECTIFY_ISA_X86_LEVEL _ssse3
#elif defined(__SSE3__)
#define RECTIFY_ISA_X86_LEVEL _sse3
#elif defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#define RECTIFY_ISA_X86_LEVEL _sse2
#else
#define RECTIFY_ISA_X86_LEVEL
#endif

#if defined(__FMA__)
#define RECTIFY_ISA_FMA _fma
#else
#define RECTIFY_ISA_FMA
#endif
#if defined(__F16C__)
#define RECTIFY_ISA_F16C _f16c
#else
#define RECTIFY_ISA_F16C
#endif
#if defined(__BMI2__)
#define RECTIFY_ISA_BMI2 _bmi2
#else
#define RECTIFY_ISA_BMI2
#endif
#if defined(__AVX512F__)
#define RECTIFY_ISA_AVX512F _avx512f
#else
#define RECTIFY_ISA_AVX512F
#endif
#if defined(__AVX512CD__)
#define RECTIFY_ISA_AVX512CD _cd
#else
#define RECTIFY_ISA_AVX512CD
#endif
#if defined(__AVX512DQ__)
#define RECTIFY_ISA_AVX512DQ _dq
#else
#define RECTIFY_ISA_AVX512DQ
#endif
#if defined(__AVX512BW__)
#define RECTIFY_ISA_AVX512BW _bw
#else
#define RECTIFY_ISA_AVX512BW
#endif
#if defined(__AVX512VL__)
#define RECTIFY_ISA_AVX512VL _vl
#else
#define RECTIFY_ISA_AVX512VL
#endif
// The later AVX-512 extensions (VBMI, VNNI, BF16, FP16, …), as one token: rectify's float and
// double code has no use for them, but the compiler may pick them for integer work.
#if defined(__AVX512VBMI__) || defined(__AVX512IFMA__) || defined(__AVX512VNNI__) ||   \
    defined(__AVX512BF16__) || defined(__AVX512FP16__) || defined(__AVX512VBMI2__) || \
    defined(__AVX512BITALG__) || defined(__AVX512VPOPCNTDQ__)
#define RECTIFY_ISA_AVX512_LATER _x
#else
#define RECTIFY_ISA_AVX512_LATER
#endif

// ARM: NEON, fused multiply-add (VFPv4; always on AArch64), SVE.
#if defined(__aarch64__) || defined(_M_ARM64)
#define RECTIFY_ISA_ARM _a64
#elif defined(__ARM_NEON)
#define RECTIFY_ISA_ARM _neon
#elif defined(__arm__)
#define RECTIFY_ISA_ARM _arm
#else
#define RECTIFY_ISA_ARM
#endif
#if defined(__ARM_FEATURE_FMA) && !defined(__aarch64__)
#define RECTIFY_ISA_ARM_FMA _vfpv4
#else
#define RECTIFY_ISA_ARM_FMA
#endif
#if defined(__ARM_FEATURE_SVE)
#define RECTIFY_ISA_SVE _sve
#else
#define RECTIFY_ISA_SVE
#endif

#ifndef RECTIFY_ISA
#define RECTIFY_ISA                                                                               \
    RECTIFY_ISA_JOIN(                                                                             \
        RECTIFY_ISA_JOIN(                                                                         \
            RECTIFY_ISA_JOIN(RECTIFY_ISA_JOIN(RECTIFY_ISA_JOIN(isa, RECTIFY_ISA_X86_LEVEL),       \
                                              RECTIFY_ISA_JOIN(RECTIFY_ISA_FMA, RECTIFY_ISA_F16C)), \
                             RECTIFY_ISA_JOIN(RECTIFY_ISA_BMI2, RECTIFY_ISA_AVX512F)),            \
            RECTIFY_ISA_JOIN(RECTIFY_ISA_JOIN(RECTIFY_ISA_AVX512CD, RECTIFY_ISA_AVX512DQ),        \
                             RECTIFY_ISA_JOIN(RECTIFY_ISA_AVX512BW, RECTIFY_ISA_AVX512VL))),      \
        RECTIFY_ISA_JOIN(RECTIFY_ISA_JOIN(RECTIFY_ISA_AVX512_LATER, RECTIFY_ISA_ARM),             \
                         RECTIFY_ISA_JOIN(RECTIFY_ISA_ARM_FMA, RECTIFY_ISA_SVE)))
#endif

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {
/// A type named for this unit's instruction-set features: the defaulted last template argument
/// of every member function template of rectify's types, so that their symbols differ per
/// feature set as those of the functions in RECTIFY_ISA do.
struct isa_tag {};
}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
