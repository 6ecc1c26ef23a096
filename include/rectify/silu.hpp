// rectify/silu.hpp — SiLU (Swish with β = 1): f(x) = x·σ(x).
//
// f'(x) = σ(x)·(1 + x·σ(−x)); no from-output rule (x is not a function of y: f is not one to one).
// NaN gives NaN; f(−inf) = −0, f(+inf) = +inf, f(±0) = ±0; f'(−inf) = −0, f'(+inf) = 1; subnormal
// results are kept. float and double: ≤ 1 ULP against the correctly rounded values, the zero of
// f' at x = −1.2785 included (rectify/math/silu.hpp).
#pragma once

#include "array.hpp"
#include "math/silu.hpp"

namespace rectify {

struct silu {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::silu(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::silu_derivative(x);
    }
};

}  // namespace rectify
