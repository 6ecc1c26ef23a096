// rectify/selu.hpp — SELU: f(x) = x > 0 ? λ·x : λα·expm1(x), with the constants of
// Klambauer et al. (2017) to full precision.
//
// f'(x) = x > 0 ? λ : λα·e^x (λα at x = 0, the left side); from the output,
// y > 0 ? λ : y + λα. NaN gives NaN; −0 gives −0; −inf gives −λα.
// λ and λα are the doubles above (λα = λ·α rounded in double, as PyTorch forms it). λ·x is
// computed as x + (λ − 1)·x in one multiply-add: λ − 1 in float is 2^-29 from the true value
// relative to λ, so float λ·x is within 0.52 ULP (a float λ alone is 0.3 ULP off, which is how a
// plain float SELU ends up 2.1 ULP from the true value), and double λ·x is λ_double·x rounded once.
// λα·(...) carries λα as a hi + lo pair (rectify/math/exp.hpp); forward and derivative are
// ≤ 1 ULP. ONNX's defaults are these constants rounded to float.
#pragma once

#include "array.hpp"
#include "math/exp.hpp"

namespace rectify {

struct selu {
    static constexpr double lambda = 1.0507009873554804934193349852946;
    static constexpr double alpha = 1.6732632423543772848170429916717;
    /// λα formed in double, as PyTorch does: the constant of the negative side. The kernels are
    /// exact to these doubles (in double, selu(−inf) is −lambda_alpha to the bit); for float λα
    /// is carried as a hi + lo pair of floats.
    static constexpr double lambda_alpha = lambda * alpha;

    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T operator()(T x) const noexcept {
        using S = detail::scalar_t<T>;
        const auto la = lambda_alpha_split<S>;
        // λ·x = x + (λ − 1)·x, rounded once (see the top); ±0, ±inf and subnormals included.
        const T positive = detail::mul_add(T(S(lambda - 1)), x, x);
        // x = ±0 takes λ·±0 = ±0, which is also λα·expm1(±0).
        return detail::select(x >= T(0), positive, math::scaled_expm1(x, la));
    }
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative(T x) const noexcept {
        using S = detail::scalar_t<T>;
        const auto la = lambda_alpha_split<S>;
        return detail::select(x > T(0), T(S(lambda)), math::scaled_exp(x, la));
    }
    /// y ≤ 0 means y = λα·(e^x − 1), so λα·e^x = y + λα.
    template <class T, class = detail::isa_tag>
    RECTIFY_INLINE T derivative_from_output(T y) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::select(y > T(0), T(S(lambda)), y + T(S(lambda_alpha)));
    }

private:
    template <class S>
    static constexpr math::split_constant<S> lambda_alpha_split = math::split<S>(lambda_alpha);
};

}  // namespace rectify
