// rectify/detail/arch/neon.hpp — ARM: where its multiply-add is fused, and where its SIMD
// arithmetic cannot keep subnormals.
#pragma once

#include <array>
#include <type_traits>

#include "../inline.hpp"
#include "../isa.hpp"
#include "../xsimd_compat.hpp"

// ARM has FMA where __ARM_FEATURE_FMA is defined: all of AArch64, and 32-bit ARM with VFPv4
// (-mfpu=neon-vfpv4, not -mfpu=neon). Without it neither NEON nor the scalar VFP fuses.
#if defined(__ARM_FEATURE_FMA) && !defined(RECTIFY_SCALAR_FUSED_FMA)
#define RECTIFY_SCALAR_FUSED_FMA 1
#endif

#if RECTIFY_HAS_SIMD && XSIMD_WITH_NEON
namespace rectify {
namespace detail {
namespace arch {
inline namespace RECTIFY_ISA {  // see ../isa.hpp

/// xsimd (8.1 to 14) uses vfmaq_f32 only under __ARM_FEATURE_FMA and else computes x*y + z.
constexpr bool fused_fma(xsimd::neon) noexcept {
#if defined(__ARM_FEATURE_FMA)
    return true;
#else
    return false;
#endif
}

/// 32-bit ARM: Advanced SIMD (NEON) arithmetic flushes subnormal inputs and results to zero
/// whatever FPSCR.FZ says (ARMv7 runs it in the "standard FPSCR" mode), so it cannot keep
/// rectify's promise that subnormal results are kept; the VFP, which the scalar loop uses, keeps
/// them. AArch64's SIMD follows FPCR.FZ, off by default, as its scalar arithmetic does.
constexpr bool keeps_subnormals(xsimd::neon) noexcept { return false; }
constexpr bool keeps_subnormals(xsimd::neon64) noexcept { return true; }

/// 32-bit NEON has no double lanes (AArch64's, float64x2, is the neon64 arch).
constexpr bool has_double_lanes(xsimd::neon) noexcept { return false; }
constexpr bool has_double_lanes(xsimd::neon64) noexcept { return true; }

#if defined(__aarch64__)
/// generic.hpp's widen / narrow in registers (AArch64; 32-bit NEON has no double lanes).
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x, xsimd::neon64) noexcept {
    const float32x4_t v = x;
    return {vcvt_f64_f32(vget_low_f32(v)), vcvt_high_f64_f32(v)};
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second, xsimd::neon64) noexcept {
    return vcvt_high_f32_f64(vcvt_f32_f64(first), second);
}
#endif

/// a / b rounded once. xsimd (8.1) divides float batches by a reciprocal estimate and Newton
/// steps, a few ULPs off: AArch64 has the instruction for float too, whichever of xsimd's neon
/// archs the batch is; 32-bit NEON has none, and each lane is divided by the VFP, which rounds
/// once and keeps subnormals (a limited arch: its speed is not the point).
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> divide(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                         xsimd::neon) noexcept {
    if constexpr (std::is_same<T, float>::value) {
#if defined(__aarch64__)
        return vdivq_f32(a, b);
#else
        alignas(16) float quotient[4], divisor[4];
        a.store_aligned(quotient);
        b.store_aligned(divisor);
        for (int lane = 0; lane < 4; ++lane) quotient[lane] /= divisor[lane];
        return xsimd::batch<T, A>::load_aligned(quotient);
#endif
    } else {
        return a / b;
    }
}

}  // namespace RECTIFY_ISA
}  // namespace arch
}  // namespace detail
}  // namespace rectify
#endif
