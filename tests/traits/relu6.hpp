// tests/traits/relu6.hpp — ReLU6's contract: f(x) = min(max(x, 0), 6) with f(−0) = +0, f'(x) = 1
// strictly inside (0, 6) and 0 elsewhere (0 at both kinks, PyTorch's values), both bit-exact; from
// the output the same rule on y.
#pragma once

#include "contract.hpp"

#include <rectify/relu6.hpp>

namespace rectify_test {

template <>
struct traits<rectify::relu6> {
    using F = rectify::relu6;
    static constexpr const char* name = "relu6";
    static constexpr int max_ulp = 0;

    template <class T>
    static exact_t<T> forward(const F&, T x) {
        return exactly(std::isnan(x) ? x : x <= 0 ? T(0) : x >= 6 ? T(6) : x);
    }
    template <class T>
    static exact_t<T> derivative(const F&, T x) {
        return exactly(std::isnan(x) ? x : x > 0 && x < 6 ? T(1) : T(0));
    }
    static zero_rule zero(const F&) { return zero_rule::positive; }
    template <class T>
    static tail<T> minus_inf(const F&) {
        return {T(0), T(0), approach::constant, T(0)};
    }
    template <class T>
    static tail<T> plus_inf(const F&) {
        return {T(6), T(0), approach::constant, T(6)};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F&) {
        return {{T(0), T(0)}, {T(6), T(0)}};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {};  // x itself for positive subnormals: test_semantics' subnormal inputs
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::nothing();
    }
    static std::vector<parameter_case<F>> parameter_cases() { return {}; }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y is in (0, 6) exactly where x is, and NaN exactly where x is.
    template <class T>
    static exact_t<T> from_output(const F& f, T y) {
        return derivative(f, y);
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 0; }
};

}  // namespace rectify_test
