// rectify/detail/arch/generic.hpp — the primitives for any arch: what an arch falls back on where
// x86.hpp or neon.hpp has no overload of its own.
//
// Each primitive takes the arch tag last, as xsimd's own kernels do: called with A{}, overload
// resolution picks the overload for the most derived base of A, and common_arch (the base of
// every xsimd arch) only when no other fits. Code above this layer calls the forwarders in
// ../ops.hpp and primitives.hpp, which name no instruction set.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include "../inline.hpp"
#include "../isa.hpp"
#include "../xsimd_compat.hpp"

// Whether std::fma on a scalar is one instruction, so that a*b+c rounds once at no cost (not a
// slow software routine): FP_FAST_FMA, where the ISA files have not already said so (some
// compilers define their FMA unit's macro but not FP_FAST_FMA).
#ifndef RECTIFY_SCALAR_FUSED_FMA
#if defined(FP_FAST_FMA)
#define RECTIFY_SCALAR_FUSED_FMA 1
#else
#define RECTIFY_SCALAR_FUSED_FMA 0
#endif
#endif

#if RECTIFY_HAS_SIMD
namespace rectify {
namespace detail {
namespace arch {
inline namespace RECTIFY_ISA {  // see ../isa.hpp

/// Whether mul_add on this arch's batches rounds once: not unless the arch's file says so.
constexpr bool fused_fma(common_arch) noexcept { return false; }

/// Whether this arch's arithmetic keeps subnormal inputs and results (rather than flushing them
/// to zero): the default arch must, or rectify's promise about them would not hold.
constexpr bool keeps_subnormals(common_arch) noexcept { return true; }

template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c, common_arch) noexcept {
    return xsimd::fma(a, b, c);
}

/// a*b − c and c − a*b through this arch's mul_add: the negation is exact, so they round once
/// exactly where mul_add does.
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> mul_sub(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                          xsimd::batch<T, A> const& c, common_arch) noexcept {
    return mul_add(a, b, xsimd::batch<T, A>(-c), A{});
}
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> neg_mul_add(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                              xsimd::batch<T, A> const& c, common_arch) noexcept {
    return mul_add(xsimd::batch<T, A>(-a), b, c, A{});
}

/// a / b: xsimd's division, rounded once unless the arch's file says otherwise.
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> divide(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                         common_arch) noexcept {
    return a / b;
}

/// x itself (../ops.hpp's opaque): where an arch's compiler cannot contract, nothing to hide.
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> opaque(xsimd::batch<T, A> const& x, common_arch) noexcept {
    return x;
}

/// Whether the arch has double batches (xsimd declares batch<double, neon> on 32-bit ARM, with no
/// register behind it).
constexpr bool has_double_lanes(common_arch) noexcept { return true; }

/// A float batch as two double batches of the same arch (its lanes in order: the first half,
/// then the second) and back, each conversion exact (widening) or rounded once (narrowing): for
/// the float kernels that compute in double (math/in_double.hpp). Through memory where the
/// arch's file has no register form. Only where has_double_lanes.
template <class A>
RECTIFY_INLINE std::array<xsimd::batch<double, A>, 2> widen(xsimd::batch<float, A> const& x, common_arch) noexcept {
    constexpr std::size_t n = xsimd::batch<float, A>::size, half = xsimd::batch<double, A>::size;
    alignas(64) float narrow[n];
    alignas(64) double wide[n];
    x.store_aligned(narrow);
    for (std::size_t i = 0; i < n; ++i) wide[i] = narrow[i];
    return {xsimd::batch<double, A>::load_aligned(wide), xsimd::batch<double, A>::load_aligned(wide + half)};
}
template <class A>
RECTIFY_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> const& first,
                                             xsimd::batch<double, A> const& second, common_arch) noexcept {
    constexpr std::size_t n = xsimd::batch<float, A>::size, half = xsimd::batch<double, A>::size;
    alignas(64) double wide[n];
    alignas(64) float narrowed[n];
    first.store_aligned(wide);
    second.store_aligned(wide + half);
    for (std::size_t i = 0; i < n; ++i) narrowed[i] = static_cast<float>(wide[i]);
    return xsimd::batch<float, A>::load_aligned(narrowed);
}

/// x < b ? b : x (Min = false) or x > b ? b : x (Min = true): a compare and a select, NaN x
/// staying NaN (the compare is false for it).
template <bool Min, class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> clamp_one_side(xsimd::batch<T, A> const& x,
                                                 xsimd::batch<T, A> const& b, common_arch) noexcept {
    return xsimd::select(Min ? x > b : x < b, b, x);
}

/// x > 0 ? 1 : x ≤ 0 ? a : x, in two compares and two selects.
template <class T, class A>
RECTIFY_INLINE xsimd::batch<T, A> one_if_positive(xsimd::batch<T, A> const& x,
                                                  xsimd::batch<T, A> const& a, common_arch) noexcept {
    return xsimd::select(x > xsimd::batch<T, A>(T(0)), xsimd::batch<T, A>(T(1)),
                         xsimd::select(x <= xsimd::batch<T, A>(T(0)), a, x));
}

/// No store that bypasses the cache: a plain aligned store, and nothing to fence.
template <class T, class A>
inline void store_stream(T* p, xsimd::batch<T, A> const& v, common_arch) noexcept {
    v.store_aligned(p);
}
inline void stream_fence(common_arch) noexcept {}

/// row_for_lane[l]: the row of xsimd::haddp(rows) whose sum lands in lane l, for batches B. It is
/// l in general, but xsimd 8.1's AVX-512 float haddp puts rows 2, 3 in lanes 4, 5 and the reverse
/// (likewise 10-13). Read once from haddp itself, so that any version's order is right.
template <class B>
inline const std::array<unsigned char, B::size>& haddp_row_for_lane(common_arch) {
    using T = typename B::value_type;
    constexpr std::size_t N = B::size;
    // B::size, not N, inside the lambda: clang 14 will not use the outer constexpr N there
    // without a capture.
    static const std::array<unsigned char, N> rows_of = [] {
        B rows[B::size];
        for (std::size_t w = 0; w < B::size; ++w) rows[w] = B(T(w));
        alignas(64) T sums[B::size];  // lane l: N·(the row it sums), exact
        xsimd::haddp(rows).store_aligned(sums);
        std::array<unsigned char, B::size> row{};
        for (std::size_t l = 0; l < B::size; ++l)
            row[l] = static_cast<unsigned char>(sums[l] / T(B::size));
        return row;
    }();
    return rows_of;
}

}  // namespace RECTIFY_ISA
}  // namespace arch
}  // namespace detail
}  // namespace rectify
#endif
