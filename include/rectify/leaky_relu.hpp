// rectify/leaky_relu.hpp — Leaky ReLU: f(x) = x > 0 ? x : α·x, α = 0.01 by default.
//
// α may be any finite number (> 1 and < 0 included). α·x is computed in the element type, with
// α rounded to it (as PyTorch does), so every instruction set gives the bit-identical result.
// f'(x) = x > 0 ? 1 : α, α at x = 0 (the left side); NaN gives NaN. −0 stays −0 for α > 0.
// backward_from_output needs α > 0 (else y > 0 does not tell x > 0).
#pragma once

#include "array.hpp"
#include "detail/errors.hpp"
#include "detail/ops.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp
/// x > 0 ? x : a·x, one slope a per lane: the formula Leaky ReLU and PReLU share.
template <class T>
RECTIFY_INLINE T leaky(T x, T a) noexcept {
    return detail::select(x > T(0), x, a * x);
}
/// x > 0 ? 1 : a, NaN for NaN.
template <class T>
RECTIFY_INLINE T leaky_derivative(T x, T a) noexcept {
    return detail::one_if_positive(x, a);
}
}  // namespace RECTIFY_ISA
}  // namespace detail

struct leaky_relu {
    double alpha = 0.01;

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return detail::leaky(x, T(detail::scalar_t<T>(alpha)));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return detail::leaky_derivative(x, T(detail::scalar_t<T>(alpha)));
    }
    /// With α > 0, y > 0 exactly where x > 0: the same rule as derivative().
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return derivative(y);
    }

    /// α finite in T; from the output, also α > 0 in T.
    template <class T, class = detail::isa_tag>
    void check() const {
        detail::check_finite<T>("leaky_relu", "alpha", alpha);
    }
    template <class T, class = detail::isa_tag>
    void check_from_output() const {
        if (!(static_cast<T>(alpha) > 0))
            detail::fail("rectify::leaky_relu: backward_from_output needs alpha > 0, got alpha = " +
                         detail::describe(alpha) + (alpha > 0 ? std::string(" (0 in ") + detail::type_name<T>() + ")" : ""));
    }
};

}  // namespace rectify
