// rectify/detail/arch/primitives.hpp — the per-arch primitives in one include, and the forwarders
// through which the array layer calls them.
//
// One file per instruction-set family (x86.hpp, neon.hpp) holds the overloads where that family
// differs; generic.hpp holds the fallbacks for what they do not cover, and comes last: what it
// defaults (the scalar fused multiply-add) is what the family files did not say. Adding an
// instruction set is adding its file here; nothing above this layer names one. (rectify/arch.hpp
// is another matter: the public choice of arch for the array functions.)
#pragma once

#include <array>

#include "x86.hpp"
#include "neon.hpp"
#include "generic.hpp"

#if RECTIFY_HAS_SIMD
namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see ../isa.hpp

/// Stores v at p, aligned to the batch, bypassing the cache where the arch can (a plain store
/// where it cannot). stream_fence() once the streamed stores of a call are done.
template <class T, class A>
inline void store_stream(T* p, xsimd::batch<T, A> const& v) noexcept {
    arch::store_stream(p, v, A{});
}
/// Orders the streamed stores before whatever follows. One fence serves the stores of every arch
/// of a family, so the default arch's overload stands for them all.
inline void stream_fence() noexcept {
    arch::stream_fence(xsimd::default_arch{});
}

/// row_for_lane[l]: the row of xsimd::haddp(rows) whose sum lands in lane l.
template <class Arch, class T>
inline const std::array<unsigned char, xsimd::batch<T, Arch>::size>& haddp_row_for_lane() {
    return arch::haddp_row_for_lane<xsimd::batch<T, Arch>>(Arch{});
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
#endif
