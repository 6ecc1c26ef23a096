// rectify/softplus.hpp — Softplus: f(x) = (1/β)·log1p(e^(βx)), and x where βx > threshold
// (PyTorch's rule, βx the product rounded to the element type); β = 1 and threshold = 20 by
// default.
//
// f'(x) = σ(βx) (1 where βx > threshold); no from-output rule. β > 0 and finite, threshold finite,
// in the element type, else std::invalid_argument. NaN gives NaN; f(−inf) = +0, f(+inf) = +inf,
// f(±0) = ln2/β; f'(−inf) = +0, f'(+inf) = 1; subnormal results are kept. float and double:
// ≤ 1 ULP against the correctly rounded values (rectify/math/softplus.hpp). β = 1 has its own
// kernel (no product with β or 1/β), which the array functions pick once per call and
// operator() per value, so both agree.
#pragma once

#include "array.hpp"
#include "detail/errors.hpp"
#include "math/softplus.hpp"

namespace rectify {

struct softplus {
    double beta = 1.0;
    double threshold = 20.0;

    /// Softplus with β = 1.
    struct beta_one {
        static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
        double threshold;
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T operator()(T x) const noexcept {
            return math::softplus_unit(x, cut<detail::scalar_t<T>>());
        }
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative(T x) const noexcept {
            return math::softplus_unit_derivative(x, cut<detail::scalar_t<T>>());
        }
        template <class S, class = detail::isa_tag>
        S cut() const noexcept {
            return threshold < 40 ? S(threshold) : S(40);
        }
    };
    /// Any β, its constants formed once (for float and for double).
    struct any_beta {
        static constexpr std::size_t batches_per_step = 2;  // a long kernel (detail/walk.hpp)
        math::softplus_parameters<float> for_float;
        math::softplus_parameters<double> for_double;
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T operator()(T x) const noexcept {
            return math::softplus(x, parameters<detail::scalar_t<T>>());
        }
        template <class T, class = detail::isa_tag>
        RECTIFY_INLINE T derivative(T x) const noexcept {
            return math::softplus_derivative(x, parameters<detail::scalar_t<T>>());
        }
        template <class S, class = detail::isa_tag>
        const math::softplus_parameters<S>& parameters() const noexcept {
            if constexpr (sizeof(S) == sizeof(float))
                return for_float;
            else
                return for_double;
        }
    };
    /// Runs fn with the kernel for this β (array.hpp calls it once per array).
    template <class Fn, class = detail::isa_tag>
    void with_kernel(Fn&& fn) const {
        if (beta == 1)
            fn(beta_one{threshold});
        else
            fn(any_beta{math::softplus_parameters_for<float>(beta, threshold),
                        math::softplus_parameters_for<double>(beta, threshold)});
    }

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        using S = detail::scalar_t<T>;
        if (beta == 1) return beta_one{threshold}(x);
        return math::softplus(x, math::softplus_parameters_for<S>(beta, threshold));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        using S = detail::scalar_t<T>;
        if (beta == 1) return beta_one{threshold}.derivative(x);
        return math::softplus_derivative(x, math::softplus_parameters_for<S>(beta, threshold));
    }

    /// β > 0 and finite, 1/β finite, threshold finite, all in T.
    template <class T, class = detail::isa_tag>
    void check() const {
        detail::check_finite<T>("softplus", "beta", beta);
        detail::check_finite<T>("softplus", "threshold", threshold);
        if (!(static_cast<T>(beta) > 0))
            detail::fail(std::string("rectify::softplus: beta must be > 0, got beta = ") + detail::describe(beta) +
                         (beta > 0 ? std::string(", 0 in ") + detail::type_name<T>() : std::string()));
        detail::check_finite<T>("softplus", "1/beta", 1 / beta);
    }
};

}  // namespace rectify
