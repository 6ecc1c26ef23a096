// rectify/hardsigmoid.hpp — Hardsigmoid: f(x) = min(max(x + 3, 0), 6)/6, as PyTorch's
// torch.nn.Hardsigmoid.
//
// f = 0 for x ≤ −3, 1 for x ≥ 3, (x + 3)/6 between, within 1 ULP of the correctly rounded value
// (x + 3 exact as hi + lo, the quotient carried to twice the precision: rectify/math/sixth.hpp;
// PyTorch's formula rounds twice, up to 1.17 ULP). f(±0) = 1/2, f(−inf) = 0, f(+inf) = 1, NaN
// gives NaN. f'(x) = 1/6 (rounded to the element type) strictly inside (−3, 3), 0 at both kinks
// and beyond (PyTorch's values); from the output 1/6 strictly inside (0, 1), which y is exactly
// where x is in (−3, 3).
#pragma once

#include "array.hpp"
#include "detail/ops.hpp"
#include "math/sixth.hpp"

namespace rectify {

struct hardsigmoid {
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        const auto q = math::sixth_of(math::sum_with_larger(x, T(3)));  // |x| < 3 where it is used
        return detail::select(x <= T(-3), T(0), detail::select(x >= T(3), T(1), q.hi + q.lo));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::constant_between(x, T(-3), T(3), T(S(1) / S(6)));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::constant_between(y, T(0), T(1), T(S(1) / S(6)));
    }
};

}  // namespace rectify
