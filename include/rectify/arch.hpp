// rectify/arch.hpp — which instruction set the array functions use.
//
// Every array function takes the instruction set as its first template parameter:
//   rectify::forward(f, x, y, n)                    the best one the compiler flags enable
//   rectify::forward<xsimd::avx2>(f, x, y, n)       one forced xsimd arch (tests, benchmarks)
//   rectify::forward<rectify::scalar>(f, x, y, n)   the plain C++ loop: the reference
// The choice is made at compile time (xsimd::default_arch), so a binary built with
// -march=x86-64-v3 runs AVX2 code and needs an AVX2 CPU. For a choice at run time, among units
// compiled for several instruction sets: rectify/dynamic.hpp (the library rectify::dynamic).
#pragma once

#include <type_traits>

#include "detail/arch/primitives.hpp"
#include "detail/isa.hpp"
#include "detail/xsimd_compat.hpp"  // xsimd, where it is installed; RECTIFY_HAS_SIMD

namespace rectify {

/// The plain C++ loop, one element at a time: the reference every SIMD path is tested against.
struct scalar {
    static constexpr const char* name() noexcept { return "scalar"; }
};

// xsimd's best arch for the compiler flags, unless its arithmetic would break a promise of
// rectify's (32-bit NEON flushes subnormals: see detail/arch/neon.hpp); then, as without xsimd
// or without any SIMD xsimd knows, the scalar loop. xsimd::neon can still be forced there, float
// only (README, "Supported compilers and platforms").
#if RECTIFY_HAS_SIMD
using default_arch = std::conditional_t<detail::arch::keeps_subnormals(xsimd::default_arch{}),
                                        xsimd::default_arch, scalar>;
#else
using default_arch = scalar;
#endif

inline namespace RECTIFY_ISA {  // see detail/isa.hpp
/// Name of the instruction set the array functions use by default: "avx512bw", "fma3+avx2",
/// "sse2", "arm64+neon", ... or "scalar".
template <class Arch = default_arch>
constexpr const char* arch_name() noexcept {
    return Arch::name();
}
}  // namespace RECTIFY_ISA

}  // namespace rectify
