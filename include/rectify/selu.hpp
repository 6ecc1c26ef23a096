// rectify/selu.hpp — SELU: f(x) = x > 0 ? λ·x : λα·expm1(x), with the constants of
// Klambauer et al. (2017) to full precision.
//
// f'(x) = x > 0 ? λ : λα·e^x (λα at x = 0, the left side); from the output,
// y > 0 ? λ : y + λα. NaN gives NaN; −0 gives −0; −inf gives −λα.
// λ·x and λα·(...) use λ and λα as hi + lo pairs of the element type: a float λ alone is 0.3 ULP
// off and λα 0.4 ULP, which is how a plain float SELU ends up 2.1 ULP from the true value; here
// forward and derivative are ≤ 1 ULP. ONNX's defaults are these constants rounded to float.
#pragma once

#include <limits>

#include "array.hpp"
#include "math/exp.hpp"

namespace rectify {

struct selu {
    static constexpr double lambda = 1.0507009873554804934193349852946;
    static constexpr double alpha = 1.6732632423543772848170429916717;
    /// λ·α rounded to double (what PyTorch forms); the kernels use the exact product as hi + lo.
    static constexpr double lambda_alpha = lambda * alpha;

    template <class T>
    T operator()(T x) const noexcept {
        using S = detail::scalar_t<T>;
        const auto l = lambda_split<S>(), la = lambda_alpha_split<S>();
        // λ·x rounded once; the lo term sees x clamped so that x = +inf gives inf, not inf − inf.
        const T finite_x = detail::select(x < T(std::numeric_limits<S>::max()), x,
                                          T(std::numeric_limits<S>::max()));
        const T positive = detail::product_plus(T(l.hi), x, T(l.lo) * finite_x);
        return detail::select(x > T(0), positive, math::scaled_expm1(x, T(la.hi), T(la.lo)));
    }
    template <class T>
    T derivative(T x) const noexcept {
        using S = detail::scalar_t<T>;
        const auto la = lambda_alpha_split<S>();
        return detail::select(x > T(0), T(S(lambda)), math::scaled_exp(x, T(la.hi), T(la.lo)));
    }
    /// y ≤ 0 means y = λα·(e^x − 1), so λα·e^x = y + λα. λα here is the one the kernels use
    /// (the exact product, rounded once), so that y = 0 gives derivative(0) exactly: the double
    /// product lambda_alpha is one ULP below it.
    template <class T>
    T derivative_from_output(T y) const noexcept {
        using S = detail::scalar_t<T>;
        return detail::select(y > T(0), T(S(lambda)), y + T(lambda_alpha_split<S>().hi));
    }

private:
    // The exact λ and λα (to 106 bits, from the 32-digit constants) as hi + lo.
    static constexpr double lambda_lo = 0x1.6fc7d272f2695p-55;
    static constexpr double lambda_alpha_hi = 0x1.c212cc640f031p0;
    static constexpr double lambda_alpha_lo = 0x1.05161b045a1fep-56;

    template <class S>
    static constexpr math::split_constant<S> lambda_split() noexcept {
        return split2<S>(lambda, lambda_lo);
    }
    template <class S>
    static constexpr math::split_constant<S> lambda_alpha_split() noexcept {
        return split2<S>(lambda_alpha_hi, lambda_alpha_lo);
    }
    // hi + lo (doubles) as hi + lo of S: for double the pair itself, for float the leading 48 bits.
    template <class S>
    static constexpr math::split_constant<S> split2(double hi, double lo) noexcept {
        if constexpr (sizeof(S) == sizeof(double)) return {S(hi), S(lo)};
        else return {S(hi), S((hi - double(S(hi))) + lo)};
    }
};

}  // namespace rectify
