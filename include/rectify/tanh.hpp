// rectify/tanh.hpp — the hyperbolic tangent: f(x) = tanh x.
//
// f'(x) = 1 − tanh²x (computed as 4σ'(2x), which does not cancel where tanh x nears ±1); from the
// output, 1 − y², computed as (1 − y)·(1 + y) (exact factors for |y| ≥ 1/2, no fused multiply-add
// for a compiler to form). NaN gives NaN; f(±inf) = ±1; f(±0) = ±0; f'(±inf) = +0; subnormal
// results are kept. float and double: ≤ 1 ULP against the correctly rounded values
// (rectify/math/tanh.hpp).
#pragma once

#include "array.hpp"
#include "math/tanh.hpp"

namespace rectify {

struct tanh {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::tanh(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::tanh_derivative(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return (T(1) - y) * (T(1) + y);
    }
};

}  // namespace rectify
