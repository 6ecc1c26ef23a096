// rectify/hardtanh.hpp — Hardtanh: f(x) = min(max(x, min_val), max_val), min_val = −1 and
// max_val = 1 by default, as PyTorch's torch.nn.Hardtanh.
//
// Exact: the bounds are rounded to the element type (as PyTorch's float parameters) and x
// between them is returned as it is, so −0 stays −0 for min_val ≤ 0 ≤ max_val (also where
// min_val = 0: ReLU6 differs there, relu6(−0) = +0). NaN gives NaN, from compares and selects,
// never SIMD min/max. f'(x) = 1 strictly inside (min_val, max_val), 0 at both ends and beyond
// (PyTorch's values at the kinks); from the output the same rule on y. min_val ≤ max_val, both
// finite in the element type, else std::invalid_argument; min_val = max_val is allowed (f is
// constant, f' is 0).
#pragma once

#include "array.hpp"
#include "detail/errors.hpp"
#include "detail/ops.hpp"

namespace rectify {

struct hardtanh {
    double min_val = -1.0;
    double max_val = 1.0;

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        using S = detail::scalar_t<T>;
        const T lo(static_cast<S>(min_val)), hi(static_cast<S>(max_val));
        return detail::select(x < lo, lo, detail::select(x > hi, hi, x));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::constant_between(x, T(static_cast<S>(min_val)), T(static_cast<S>(max_val)), T(1));
    }
    /// y is strictly inside (min_val, max_val) exactly where x is.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return derivative(y);
    }

    /// min_val and max_val finite in T, min_val ≤ max_val.
    template <class T, class = detail::isa_tag>
    void check() const {
        detail::check_finite<T>("hardtanh", "min_val", min_val);
        detail::check_finite<T>("hardtanh", "max_val", max_val);
        if (!(min_val <= max_val))
            detail::fail("rectify::hardtanh: min_val must be <= max_val, got min_val = " + detail::describe(min_val) +
                         " > max_val = " + detail::describe(max_val));
    }
};

}  // namespace rectify
