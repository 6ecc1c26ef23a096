// rectify/sigmoid.hpp — the logistic sigmoid: f(x) = 1 / (1 + e^−x).
//
// f'(x) = σ(x)·σ(−x) (written so: σ·(1 − σ) cancels for x ≫ 0); from the output, y·(1 − y).
// NaN gives NaN; f(−inf) = +0, f(+inf) = 1, f(±0) = 1/2; f'(±inf) = +0; subnormal results are
// kept (f(−100) = 3.7e-44 in float). float and double: ≤ 1 ULP against the correctly rounded
// values (rectify/math/sigmoid.hpp). The from-output rule is the formula in T: for y near 1 it
// knows only y's rounding (1 − y is a multiple of 2^-24 in float), so f.derivative is the
// accurate choice there.
#pragma once

#include "array.hpp"
#include "math/sigmoid.hpp"

namespace rectify {

struct sigmoid {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::sigmoid(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::sigmoid_derivative(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return y * (T(1) - y);
    }
};

}  // namespace rectify
