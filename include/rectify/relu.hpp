// rectify/relu.hpp — ReLU: f(x) = x > 0 ? x : +0.
//
// f'(x) = x > 0 ? 1 : 0, and 0 at x = 0 (the left side, as PyTorch and oneDNN).
// NaN gives NaN everywhere, forward and backward. Built from compares and selects, never from
// SIMD max: x86 maxps returns its second operand when one is NaN, NEON returns NaN, and xsimd's
// max changed between releases, so relu(NaN) would depend on the CPU and the xsimd version.
#pragma once

#include "array.hpp"
#include "detail/ops.hpp"

namespace rectify {

struct relu {
    /// x ≤ 0 → +0 (so relu(−0) = +0 and relu(−inf) = +0); else x, NaN included.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return detail::select(x <= T(0), T(0), x);
    }
    /// 1 for x > 0, 0 for x ≤ 0, NaN for NaN.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return detail::one_if_positive(x, T(0));
    }
    /// y = relu(x) is > 0 exactly where x is, and NaN exactly where x is: the same rule.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return derivative(y);
    }
};

}  // namespace rectify
