// rectify/celu.hpp — CELU: f(x) = x > 0 ? x : α·expm1(x/α), α = 1 by default (α = 1 is ELU).
//
// f'(x) = x > 0 ? 1 : e^(x/α) (at x = 0 the left side, 1); from the output, y > 0 ? 1 : y/α + 1.
// α > 0 and finite, 1/α finite, in the element type, else std::invalid_argument. NaN gives NaN;
// f(−inf) = −α, f(±0) = ±0; f'(−inf) = +0; subnormal results are kept. float and double: ≤ 1 ULP
// against the correctly rounded values, the division x/α included (rectify/math/celu.hpp). The
// array functions form α's constants once per call.
#pragma once

#include "array.hpp"
#include "detail/errors.hpp"
#include "math/celu.hpp"

namespace rectify {

struct celu {
    double alpha = 1.0;

    /// The kernel, α's constants formed once (for float and for double).
    struct with_constants {
        static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
        math::celu_parameters<float> for_float;
        math::celu_parameters<double> for_double;
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T operator()(T x) const noexcept {
            return math::celu(x, parameters<detail::scalar_t<T>>());
        }
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative(T x) const noexcept {
            return math::celu_derivative(x, parameters<detail::scalar_t<T>>());
        }
        /// y ≤ 0 means y = α·(e^(x/α) − 1), so e^(x/α) = y/α + 1.
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
            return detail::select(y > T(0), T(1), detail::divide(y, T(parameters<detail::scalar_t<T>>().alpha_hi)) + T(1));
        }
        template <class S, class = detail::isa_tag>
        const math::celu_parameters<S>& parameters() const noexcept {
            if constexpr (sizeof(S) == sizeof(float))
                return for_float;
            else
                return for_double;
        }
    };
    template <class Fn, class = detail::isa_tag>
    void with_kernel(Fn&& fn) const {
        fn(with_constants{math::celu_parameters_for<float>(alpha), math::celu_parameters_for<double>(alpha)});
    }

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        return math::celu(x, math::celu_parameters_for<detail::scalar_t<T>>(alpha));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        return math::celu_derivative(x, math::celu_parameters_for<detail::scalar_t<T>>(alpha));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::select(y > T(0), T(1), detail::divide(y, T(S(alpha))) + T(1));
    }

    /// α > 0 and finite, 1/α finite, in T.
    template <class T, class = detail::isa_tag>
    void check() const {
        detail::check_finite<T>("celu", "alpha", alpha);
        if (!(static_cast<T>(alpha) > 0))
            detail::fail(std::string("rectify::celu: alpha must be > 0, got alpha = ") + detail::describe(alpha) +
                         (alpha > 0 ? std::string(", 0 in ") + detail::type_name<T>() : std::string()));
        detail::check_finite<T>("celu", "1/alpha", 1 / alpha);
    }
};

}  // namespace rectify
