// tests/traits/tanh.hpp — tanh's contract: f(x) = tanh x, f'(x) = 1 − tanh²x, within 1 ULP of the
// correctly rounded value everywhere; f(±0) = ±0; no kink; from the output 1 − y², as
// (1 − y)·(1 + y) in T.
#pragma once

#include "../smooth_reference.hpp"
#include "contract.hpp"
#include "elu.hpp"

#include <rectify/tanh.hpp>

namespace rectify_test {

/// tanh x rounds to ±1 beyond these (float: 9.011, double: 19.06).
template <class T>
constexpr T tanh_one_beyond = sizeof(T) == sizeof(float) ? T(9.5) : T(19.5);
/// 4e^−2x is subnormal there: tanh'(±50) = 1.5e-43 (float), tanh'(±360) = 8.8e-313 (double).
template <class T>
constexpr T tanh_derivative_subnormal = sizeof(T) == sizeof(float) ? T(50) : T(360);

template <>
struct traits<rectify::tanh> {
    using F = rectify::tanh;
    static constexpr const char* name = "tanh";
    static constexpr int max_ulp = 1;
    template <class T>
    static constexpr bool reference_judges = sizeof(T) == sizeof(float) || smooth::double_reference_judges;

    template <class T>
    static auto forward(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : x > 0 ? T(1) : T(-1));
        return smooth::value(smooth::fn::tanh, false, x, {});
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (!std::isfinite(x)) return smooth::constant(std::isnan(x) ? x : T(0));
        return smooth::value(smooth::fn::tanh, true, x, {});
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {T(-1), T(0), approach::from_above, -tanh_one_beyond<T>};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        return {T(1), T(0), approach::from_below, tanh_one_beyond<T>};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {{direction::derivative, tanh_derivative_subnormal<T>},
                {direction::derivative, -tanh_derivative_subnormal<T>}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::everything();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    template <class T>
    static exact_t<T> from_output(const F&, T y) {
        return exactly(T((T(1) - y) * (T(1) + y)));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 2; }  // |−2y| on [−1, 1]
};

}  // namespace rectify_test
