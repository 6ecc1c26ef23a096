// rectify/elu.hpp — ELU: f(x) = x > 0 ? x : α·expm1(x), α = 1 by default.
//
// f'(x) = x > 0 ? 1 : α·e^x (α at x = 0, the left side); from the output, y > 0 ? 1 : y + α
// (needs α ≥ 0). NaN gives NaN; −0 gives α·−0; −inf gives −α; subnormal results are kept.
// float and double: ≤ 1 ULP against the correctly rounded α·expm1(x) and α·e^x, for every α:
// α is carried as hi + lo in the element type (rectify/math/exp.hpp). α = 1, the default, has
// its own kernel with α fixed at compile time (elu::alpha_one: no product with α, math::expm1),
// which the array functions pick once per call and operator() per value, so both agree.
#pragma once

#include "array.hpp"
#include "detail/errors.hpp"
#include "math/exp.hpp"

namespace rectify {

struct elu {
    double alpha = 1.0;

    /// ELU with α = 1.
    struct alpha_one {
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T operator()(T x) const noexcept {
            return detail::select(x >= T(0), x, math::expm1(x));  // ±0 gives ±0
        }
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative(T x) const noexcept {
            const auto one = math::split<detail::scalar_t<T>>(1);
            return detail::select(x > T(0), T(1), math::scaled_exp(x, one));
        }
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
            return detail::select(y > T(0), T(1), y + T(1));
        }
    };
    /// Runs fn with the kernel for this α: alpha_one{} for α = 1, else *this (array.hpp calls it
    /// once per array, so the loop holds one kernel and no branch on α).
    template <class Fn, class = detail::isa_tag>
    void with_kernel(Fn&& fn) const {
        if (alpha == 1)
            fn(alpha_one{});
        else
            fn(*this);
    }

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        if (alpha == 1) return alpha_one{}(x);
        const auto c = math::split<detail::scalar_t<T>>(alpha);
        const T y = math::scaled_expm1(x, c);
        // At ±0, α·±0 is x itself for α ≥ 0, so x ≥ 0 takes x: one select, no zero fix-up.
        if (alpha >= 0) return detail::select(x >= T(0), x, y);
        return detail::select(x > T(0), x, detail::select(x == T(0), T(c.hi) * x, y));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        if (alpha == 1) return alpha_one{}.derivative(x);
        const auto c = math::split<detail::scalar_t<T>>(alpha);
        return detail::select(x > T(0), T(1), math::scaled_exp(x, c));
    }
    /// y ≤ 0 means y = α·(e^x − 1), so α·e^x = y + α.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        return detail::select(y > T(0), T(1), y + T(detail::scalar_t<T>(alpha)));
    }

    /// α finite in T; from the output, also α ≥ 0.
    template <class T, class = detail::isa_tag>
    void check() const {
        detail::check_finite<T>("elu", "alpha", alpha);
    }
    template <class T, class = detail::isa_tag>
    void check_from_output() const {
        if (!(alpha >= 0))
            detail::fail("rectify::elu: backward_from_output needs alpha >= 0, got alpha = " +
                         detail::describe(alpha));
    }
};

}  // namespace rectify
