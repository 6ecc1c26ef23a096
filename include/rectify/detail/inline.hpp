// rectify/detail/inline.hpp — RECTIFY_INLINE: the per-lane kernels and the primitives they are
// written in are forced inline into the loops that call them.
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
