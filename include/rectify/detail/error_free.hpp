// rectify/detail/error_free.hpp — sums and products with their rounding errors, exactly: what the
// kernels of math/ build their hi + lo pairs from, for scalars and xsimd batches alike.
//
//   two_sum(a, b)          s + e = a + b exactly, s = RN(a + b), any order of magnitude (Knuth)
//   two_prod_err(a, b, p)  a·b − p exactly, p = RN(a·b) (a fused fma, else Dekker's product)
//   residual(a, b, c)      c − a·b for a·b ≈ c, the remainder of a quotient or a reciprocal
// (Fast2Sum, where |a| ≥ |b| is known, is written out where it is used: two operations.)
#pragma once

#include "ops.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

template <class T>
struct hi_lo {
    T hi, lo;
};

/// a + b = s + e exactly, s rounded: six operations, no condition on the operands.
template <class T>
RECTIFY_INLINE hi_lo<T> two_sum(T a, T b) noexcept {
    const T s = a + b;
    const T bb = s - a;
    return {s, (a - (s - bb)) + (b - bb)};
}

/// a·b − p exactly, for p = RN(a·b). With a fused fma one instruction; else Dekker's product with
/// truncating splits (as product_plus: no product takes part in forming the halves, so a compiler
/// that contracts a*b − c cannot break it). The operands and p must stay clear of overflow and
/// of the subnormals (the kernels call it on values within 2^±100).
template <class T>
RECTIFY_INLINE T two_prod_err(T a, T b, T p) noexcept {
    if constexpr (fused_fma<T>::value) {
        return detail::mul_sub(a, b, p);
    } else {
        // p through opaque: else a compiler that fuses products into sums could fuse a·b into
        // the caller's p + x, whose error this function then no longer describes.
        p = detail::opaque(p);
        constexpr int half = sizeof(scalar_t<T>) == 4 ? 12 : 27;
        const T ah = detail::clear_low_bits(a, half), al = a - ah;
        const T bh = detail::clear_low_bits(b, half), bl = b - bh;
        return (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
    }
}

/// c − a·b for a·b within a few ULPs of c: exact with a fused fma (c − a·b is representable
/// there); else (c − p) − (a·b − p), p = RN(a·b): c − p is exact (Sterbenz) and the last
/// difference rounds once, at about 2^-48 (float) of c.
template <class T>
RECTIFY_INLINE T residual(T a, T b, T c) noexcept {
    if constexpr (fused_fma<T>::value) {
        return detail::neg_mul_add(a, b, c);
    } else {
        const T p = a * b;
        return (c - p) - detail::two_prod_err(a, b, p);
    }
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
