// tests/traits/hardsigmoid.hpp — Hardsigmoid's contract: f(x) = 0 for x ≤ −3, 1 for x ≥ 3,
// (x + 3)/6 between, within 1 ULP of the correctly rounded value; f'(x) = 1/6 strictly inside
// (−3, 3) (RN(1/6) in T, within 1 ULP of 1/6) and 0 elsewhere (0 at both kinks, PyTorch's values);
// from the output RN(1/6) strictly inside (0, 1), the formula in T.
#pragma once

#include "contract.hpp"

#include <rectify/hardsigmoid.hpp>

namespace rectify_test {

template <>
struct traits<rectify::hardsigmoid> {
    using F = rectify::hardsigmoid;
    static constexpr const char* name = "hardsigmoid";
    static constexpr int max_ulp = 1;

    template <class T>
    static auto forward(const F&, T x) {
        if (std::isnan(x)) return from_double_double<T>(x);
        if (x <= -3) return from_double_double<T>(T(0));
        if (x >= 3) return from_double_double<T>(T(1));
        return from_double_double<T>(dd::div(dd::two_sum(x, 3), 6));  // x + 3 exact
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (std::isnan(x)) return from_double_double<T>(x);
        if (x > -3 && x < 3) return from_double_double<T>(dd::div(dd::number{1, 0}, 6));
        return from_double_double<T>(T(0));
    }
    static zero_rule zero(const F&) { return zero_rule::value; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {T(0), T(0), approach::constant, T(-3)};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        return {T(1), T(0), approach::constant, T(3)};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {{T(-3), T(0)}, {T(3), T(0)}};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {};  // f ≥ ulp(3)/6 wherever it is not 0
    }
    /// Between the kinks; beyond them 0, 1 and f' = 0 exactly.
    template <class T>
    static interval<T> swept(const F&, direction) {
        return {T(-3), T(3)};
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y is strictly inside (0, 1) exactly where x is in (−3, 3) (the largest float below 3 gives
    /// 1 − 2^-24, not 1); there RN(1/6) in T.
    template <class T>
    static exact_t<T> from_output(const F&, T y) {
        return exactly(std::isnan(y) ? y : y > 0 && y < 1 ? T(T(1) / T(6)) : T(0));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 0; }
};

}  // namespace rectify_test
