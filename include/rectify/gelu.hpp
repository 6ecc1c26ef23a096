// rectify/gelu.hpp — GELU: f(x) = x·Φ(x) = ½·x·erfc(−x/√2), Φ the standard normal distribution.
//
// f'(x) = Φ(x) + x·φ(x); no from-output rule (f is not one to one). NaN gives NaN; f(−inf) = −0,
// f(+inf) = +inf, f(±0) = ±0; f'(−inf) = −0, f'(+inf) = 1, f'(±0) = ½. The negative tail holds
// the true small values down to the subnormals (f(−10) = −7.6e-23), where ½·x·(1 + erf(x/√2))
// cancels to 0. float and double: ≤ 1 ULP against the correctly rounded values, the zero of f' at
// x = −0.7518 included (rectify/math/gelu.hpp).
#pragma once

#include "array.hpp"
#include "math/gelu.hpp"

namespace rectify {

struct gelu {
    static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::gelu(x);
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::gelu_derivative(x);
    }
};

}  // namespace rectify
