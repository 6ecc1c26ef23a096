// tests/traits/selu.hpp — SELU's contract: f(x) = x > 0 ? λ·x : λα·expm1(x), f'(x) = x > 0 ? λ :
// λα·e^x (λα at x = 0, the left side), within 1 ULP of the correctly rounded value; from the
// output y > 0 ? λ : y + λα.
#pragma once

#include "contract.hpp"
#include "elu.hpp"

#include <rectify/selu.hpp>

namespace rectify_test {

// λ and α as the 32 digits of Klambauer et al. rounded to double, and λα formed in double (what
// PyTorch computes): the constants rectify is exact to, written here without the library's.
constexpr long double selu_lambda = static_cast<double>(1.0507009873554804934193349852946L);
constexpr long double selu_alpha = static_cast<double>(1.6732632423543772848170429916717L);
constexpr long double selu_lambda_alpha = static_cast<double>(1.0507009873554804934193349852946 * 1.6732632423543772848170429916717);

template <>
struct traits<rectify::selu> {
    using F = rectify::selu;
    static constexpr const char* name = "selu";
    static constexpr int max_ulp = 1;

    template <class T>
    static exact_t<T> forward(const F&, T x) {
        return std::isnan(x) ? exactly(x) : x > 0 ? scaled(selu_lambda, x) : scaled_expm1(selu_lambda_alpha, x);
    }
    template <class T>
    static exact_t<T> derivative(const F&, T x) {
        return std::isnan(x) ? exactly(x) : x > 0 ? exactly(T(selu_lambda)) : scaled_exp(selu_lambda_alpha, x);
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {T(-selu_lambda_alpha), T(0), approach::from_above, expm1_saturated<T>};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        const T inf = std::numeric_limits<T>::infinity();
        return {inf, T(selu_lambda), approach::none, inf};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {{T(0), T(selu_lambda_alpha)}};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {{direction::derivative, exp_subnormal<T>}};
    }
    /// f: both sides (λ·x is rounded); f': x > 0 gives λ exactly.
    template <class T>
    static interval<T> swept(const F&, direction d) {
        return d == direction::forward ? interval<T>::everything() : interval<T>::negative_half();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y ≤ 0 means y = λα·(e^x − 1), so λα·e^x = y + λα, rounded once in T.
    template <class T>
    static exact_t<T> from_output(const F&, T y) {
        return exactly(std::isnan(y) ? y : y > 0 ? T(selu_lambda) : T(y + T(selu_lambda_alpha)));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 1; }
};

}  // namespace rectify_test
