// rectify/arch.hpp — which instruction set the array functions use.
//
// Every array function takes the instruction set as its first template parameter:
//   rectify::forward(f, x, y, n)                    the best one the compiler flags enable
//   rectify::forward<xsimd::avx2>(f, x, y, n)       one forced xsimd arch (tests, benchmarks)
//   rectify::forward<rectify::scalar>(f, x, y, n)   the plain C++ loop: the reference
// The choice is made at compile time (xsimd::default_arch); there is no runtime dispatch, so a
// binary built with -march=x86-64-v3 runs AVX2 code and needs an AVX2 CPU.
#pragma once

#include "detail/isa.hpp"

#if defined(__has_include)
#if __has_include(<xsimd/xsimd.hpp>) && !defined(RECTIFY_NO_XSIMD)
#include <xsimd/xsimd.hpp>
#endif
#endif

namespace rectify {

/// The plain C++ loop, one element at a time: the reference every SIMD path is tested against.
struct scalar {
    static constexpr const char* name() noexcept { return "scalar"; }
};

// xsimd defines XSIMD_NO_SUPPORTED_ARCHITECTURE when the flags enable no SIMD it knows; then
// xsimd::batch does not exist and the default is the scalar loop.
#if defined(XSIMD_VERSION_MAJOR) && !defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
#define RECTIFY_HAS_SIMD 1
#if XSIMD_WITH_NEON && !XSIMD_WITH_NEON64
// 32-bit ARM: Advanced SIMD (NEON) arithmetic flushes subnormal inputs and results to zero
// whatever FPSCR.FZ says (the ARMv7 architecture runs it in the "standard FPSCR" mode), so it
// cannot keep rectify's promise that subnormal results are kept; the VFP, which the scalar loop
// uses, keeps them. The default there is the scalar loop; xsimd::neon can be forced, float only
// (README, "32-bit ARM").
using default_arch = scalar;
#else
using default_arch = xsimd::default_arch;
#endif
#else
#define RECTIFY_HAS_SIMD 0
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
