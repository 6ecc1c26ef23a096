// rectify/mish.hpp — Mish: f(x) = x·tanh(softplus(x)), softplus(x) = log1p(e^x).
//
// f'(x) = tanh(sp) + x·σ(x)·(1 − tanh²(sp)), sp = softplus(x); no from-output rule. NaN gives NaN;
// f(−inf) = −0, f(+inf) = +inf, f(±0) = ±0; f'(−inf) = −0, f'(+inf) = 1; subnormal results are
// kept. float and double: ≤ 1 ULP against the correctly rounded values, the zero of f' at
// x = −1.1924 included (rectify/math/mish.hpp).
#pragma once

#include "array.hpp"
#include "math/mish.hpp"

namespace rectify {

struct mish {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::mish(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::mish_derivative(x);
    }
};

}  // namespace rectify
