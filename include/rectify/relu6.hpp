// rectify/relu6.hpp — ReLU6: f(x) = min(max(x, 0), 6), as PyTorch's torch.nn.ReLU6.
//
// Exact (compares and selects). f(−0) = +0, as ReLU; NaN gives NaN, built from compares and
// selects, never from SIMD min/max (x86's returns the second operand for NaN: relu6(NaN) would be
// 0 or 6). f'(x) = 1 strictly inside (0, 6), 0 at both kinks and beyond (PyTorch's hardtanh
// backward: not the right side at 0, not the left one at 6); from the output the same rule on y,
// which is in (0, 6) exactly where x is.
#pragma once

#include "array.hpp"
#include "detail/ops.hpp"

namespace rectify {

struct relu6 {
    /// x ≤ 0 → +0, x ≥ 6 → 6, else x (NaN included).
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return detail::select(x <= T(0), T(0), detail::select(x >= T(6), T(6), x));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return detail::constant_between(x, T(0), T(6), T(1));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return derivative(y);
    }
};

}  // namespace rectify
