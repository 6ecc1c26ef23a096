// tests/traits/leaky_relu.hpp — Leaky ReLU's contract: f(x) = x > 0 ? x : α·x with α rounded to T
// and α·x rounded once (bit-exact), f'(x) = x > 0 ? 1 : α (α at 0, the left side); any finite α,
// the from-output rule only for α > 0 in T (else y > 0 does not tell x > 0).
#pragma once

#include "contract.hpp"

#include <rectify/leaky_relu.hpp>

namespace rectify_test {

template <>
struct traits<rectify::leaky_relu> {
    using F = rectify::leaky_relu;
    static constexpr const char* name = "leaky_relu";
    static constexpr int max_ulp = 0;

    template <class T>
    static exact_t<T> forward(const F& f, T x) {
        return exactly(x > 0 ? x : T(T(f.alpha) * x));  // NaN: α·NaN is NaN
    }
    template <class T>
    static exact_t<T> derivative(const F& f, T x) {
        return exactly(std::isnan(x) ? x : x > 0 ? T(1) : T(f.alpha));
    }
    /// α·(±0): the sign of α times the sign of the zero.
    static zero_rule zero(const F& f) { return f.alpha < 0 ? zero_rule::flips_sign : zero_rule::keeps_sign; }
    template <class T>
    static tail<T> minus_inf(const F& f) {
        const T inf = std::numeric_limits<T>::infinity();
        return {T(f.alpha) * -inf, T(f.alpha), approach::none, -inf};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        const T inf = std::numeric_limits<T>::infinity();
        return {inf, T(1), approach::none, inf};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F& f) {
        return {{T(0), T(f.alpha)}};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {};  // α·x of subnormal x: test_semantics' subnormal inputs, bit for bit
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::nothing();
    }
    static std::vector<parameter_case<F>> parameter_cases() {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const auto not_finite = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::everywhere, false,
                                     {"rectify::leaky_relu", "alpha", shown, "not finite"}};
        };
        const auto beyond_float = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::everywhere, true,
                                     {"rectify::leaky_relu", "alpha", shown, "not finite in float"}};
        };
        const auto no_rule = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::from_output, false,
                                     {"rectify::leaky_relu", "backward_from_output", "alpha", shown}};
        };
        return {not_finite(nan, "nan"), not_finite(inf, "inf"), not_finite(-inf, "-inf"),
                beyond_float(1e300, "1e+300"), beyond_float(-1e39, "-1e+39"),
                no_rule(0.0, "alpha = 0"), no_rule(-0.5, "-0.5"), no_rule(-3.0, "-3"),
                // positive as a double, 0 in float: the rule needs α > 0 in the element type
                {F{1e-50}, refused::from_output, true, {"rectify::leaky_relu", "backward_from_output", "1e-50", "(0 in float)"}}};
    }

    template <class T>
    static bool from_output_accepted(const F& f) {
        return T(f.alpha) > 0;
    }
    /// With α > 0, y > 0 exactly where x > 0: the derivative's rule on y.
    template <class T>
    static exact_t<T> from_output(const F& f, T y) {
        return derivative(f, y);
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 0; }
};

}  // namespace rectify_test
