// rectify/gelu_tanh.hpp — GELU's tanh form: f(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))),
// with √(2/π) and 0.044715 the real numbers (PyTorch's approximate="tanh").
//
// An approximation of GELU, but models are trained with it, so it is computed as itself: ≤ 1 ULP
// against the correctly rounded value of this formula, float and double, the zero of f' at
// x = −0.7525 included (rectify/math/gelu_tanh.hpp). f'(x) is the formula's derivative; no
// from-output rule. NaN gives NaN; f(−inf) = −0, f(+inf) = +inf, f(±0) = ±0; f'(−inf) = −0,
// f'(+inf) = 1; x³ overflowing does not make NaN; the negative tail holds the true small values.
#pragma once

#include "array.hpp"
#include "math/gelu_tanh.hpp"

namespace rectify {

struct gelu_tanh {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::gelu_tanh(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::gelu_tanh_derivative(x);
    }
};

}  // namespace rectify
