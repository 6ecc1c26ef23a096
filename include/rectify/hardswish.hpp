// rectify/hardswish.hpp — Hardswish: f(x) = x·min(max(x + 3, 0), 6)/6, as PyTorch's
// torch.nn.Hardswish.
//
// f = −0 for x ≤ −3 (x·0 with x < 0, so f(−inf) = −0 and not the formula's −inf·0 = NaN), x for
// x ≥ 3, x·(x + 3)/6 between, within 1 ULP of the correctly rounded value: (x + 3)/6 to twice the
// precision (rectify/math/sixth.hpp), then x times it rounded once. f(±0) = ±0; NaN gives NaN.
// f'(x) = 0 for x < −3, (2x + 3)/6 = x/3 + 1/2 for −3 ≤ x ≤ 3 (≤ 1 ULP, its zero at −1.5 exact),
// 1 for x > 3: at the kinks PyTorch's values, f'(−3) = −0.5 and f'(3) = 1.5, the formula of the
// middle piece at both ends (neither side's limit at −3). No from-output rule: f is not one to one.
#pragma once

#include "array.hpp"
#include "detail/error_free.hpp"
#include "detail/ops.hpp"
#include "math/sixth.hpp"

namespace rectify {

struct hardswish {
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        const auto q = math::sixth_of(math::sum_with_larger(x, T(3)));  // |x| < 3 where it is used
        // x·(hi + lo), rounded once. At x = ±0, lo = +0 (q is 1/2 exactly) and the sum keeps x's
        // sign; product_plus scales a subnormal x where the fma is not fused.
        const T middle = detail::product_plus(q.hi, x, x * q.lo);
        const T minus_zero(detail::scalar_t<T>(-0.0));  // not -T(0): xsimd may negate as 0 − x
        return detail::select(x <= T(-3), minus_zero, detail::select(x >= T(3), x, middle));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        const auto q = math::sixth_of(detail::two_sum(x + x, T(3)));  // 2x exact, |2x| ≤ 6 vs 3
        return detail::select(x < T(-3), T(0), detail::select(x > T(3), T(1), q.hi + q.lo));
    }
};

}  // namespace rectify
