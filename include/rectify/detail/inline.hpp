// rectify/detail/inline.hpp — what the compiler inlines and what it must not. RECTIFY_INLINE: the
// per-lane kernels and the primitives they are written in are forced inline into the loops that
// call them; RECTIFY_NOINLINE and RECTIFY_FLATTEN: the walks' side of the same question.
//
// GCC declines to inline a kernel as large as ELU's into an unrolled loop once a translation unit
// holds many of them (a benchmark binary does): the hot loop would then make a function call per
// batch. RECTIFY_INLINE_LAMBDA does the same for the lambda that wraps a kernel. Neither applies
// to unoptimized builds, where forcing it gains nothing and slows compilation (a sanitizer build
// of the tests most of all).
#pragma once

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

// On each walk a dispatcher chooses between: a function of its own. Inlined behind the
// dispatcher's branches, a walk's loops may be compiled as if rarely run (GCC: an input read from
// memory again at each use, where loads are the bottleneck).
#if defined(__GNUC__) || defined(__clang__)
#define RECTIFY_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define RECTIFY_NOINLINE __declspec(noinline)
#else
#define RECTIFY_NOINLINE
#endif
// On a walk: inline everything it calls, whatever its size. For walks whose straight-line blocks
// make them too large for the compiler's limits, where a call (xsimd::haddp's) would take a
// block's registers through memory both ways.
#if (defined(__GNUC__) || defined(__clang__)) && defined(__OPTIMIZE__)
#define RECTIFY_FLATTEN __attribute__((flatten))
#else
#define RECTIFY_FLATTEN
#endif
