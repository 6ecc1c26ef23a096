// tests/traits/hardswish.hpp — Hardswish's contract: f(x) = −0 for x ≤ −3, x for x ≥ 3,
// x·(x + 3)/6 between, within 1 ULP of the correctly rounded value; f'(x) = 0 below −3, 1 above 3,
// (2x + 3)/6 on [−3, 3] (PyTorch's −0.5 and 1.5 at the kinks), within 1 ULP; no from-output rule.
#pragma once

#include "contract.hpp"

#include <rectify/hardswish.hpp>

namespace rectify_test {

template <>
struct traits<rectify::hardswish> {
    using F = rectify::hardswish;
    static constexpr const char* name = "hardswish";
    static constexpr int max_ulp = 1;

    template <class T>
    static auto forward(const F&, T x) {
        if (std::isnan(x) || x >= 3) return from_double_double<T>(x);
        if (x <= -3) return from_double_double<T>(-T(0));
        if (x == 0) return from_double_double<T>(x);  // ±0
        return from_double_double<T>(dd::div(dd::mul(dd::two_sum(x, 3), x), 6));
    }
    template <class T>
    static auto derivative(const F&, T x) {
        if (std::isnan(x)) return from_double_double<T>(x);
        if (x < -3) return from_double_double<T>(T(0));
        if (x > 3) return from_double_double<T>(T(1));
        return from_double_double<T>(dd::div(dd::two_sum(2.0 * x, 3), 6));  // 2x + 3 exact
    }
    static zero_rule zero(const F&) { return zero_rule::keeps_sign; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {-T(0), T(0), approach::constant, T(-3)};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        const T inf = std::numeric_limits<T>::infinity();
        return {inf, T(1), approach::none, inf};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {{T(-3), T(-0.5)}, {T(3), T(1.5)}};
    }
    /// x/2 and less for |x| below twice the smallest normal number.
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        const T tiny = std::numeric_limits<T>::min();
        return {{direction::forward, tiny}, {direction::forward, -tiny}};
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return {T(-3), T(3)};
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }
};

}  // namespace rectify_test
