// tests/traits/hardtanh.hpp — Hardtanh's contract: f(x) = min(max(x, lo), hi) with lo and hi the
// parameters rounded to T and x between them returned as it is (−0 kept), f'(x) = 1 strictly
// inside (lo, hi) and 0 elsewhere (0 at both kinks, PyTorch's values), both bit-exact; from the
// output the same rule on y; min_val ≤ max_val, both finite in T, else refused.
#pragma once

#include "contract.hpp"

#include <rectify/hardtanh.hpp>

namespace rectify_test {

template <>
struct traits<rectify::hardtanh> {
    using F = rectify::hardtanh;
    static constexpr const char* name = "hardtanh";
    static constexpr int max_ulp = 0;

    template <class T>
    static exact_t<T> forward(const F& f, T x) {
        const T lo = T(f.min_val), hi = T(f.max_val);
        return exactly(std::isnan(x) ? x : x < lo ? lo : x > hi ? hi : x);
    }
    template <class T>
    static exact_t<T> derivative(const F& f, T x) {
        return exactly(std::isnan(x) ? x : x > T(f.min_val) && x < T(f.max_val) ? T(1) : T(0));
    }
    /// ±0 where it lies in [min_val, max_val], else the nearer bound.
    static zero_rule zero(const F& f) {
        return f.min_val <= 0 && 0 <= f.max_val ? zero_rule::keeps_sign : zero_rule::value;
    }
    template <class T>
    static tail<T> minus_inf(const F& f) {
        return {T(f.min_val), T(0), approach::constant, T(f.min_val)};
    }
    template <class T>
    static tail<T> plus_inf(const F& f) {
        return {T(f.max_val), T(0), approach::constant, T(f.max_val)};
    }
    template <class T>
    static std::vector<kink<T>> kinks(const F& f) {
        if (T(f.min_val) == T(f.max_val)) return {{T(f.min_val), T(0)}};
        return {{T(f.min_val), T(0)}, {T(f.max_val), T(0)}};
    }
    template <class T>
    static std::vector<subnormal_result<T>> subnormal_results(const F&) {
        return {};  // x itself between the bounds: test_semantics' subnormal inputs
    }
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::nothing();
    }
    static std::vector<parameter_case<F>> parameter_cases() {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const auto not_finite = [](F f, const char* parameter, const char* shown) {
            return parameter_case<F>{f, refused::everywhere, false, {"rectify::hardtanh", parameter, shown, "not finite"}};
        };
        return {not_finite(F{nan, 1}, "min_val", "nan"),
                not_finite(F{-inf, 1}, "min_val", "-inf"),
                not_finite(F{-1, nan}, "max_val", "nan"),
                not_finite(F{-1, inf}, "max_val", "inf"),
                {F{-1e300, 1}, refused::everywhere, true, {"rectify::hardtanh", "min_val", "-1e+300", "not finite in float"}},
                {F{-1, 3.5e38}, refused::everywhere, true, {"rectify::hardtanh", "max_val", "3.5e+38", "not finite in float"}},
                {F{1, -1}, refused::everywhere, false, {"rectify::hardtanh", "min_val", "max_val", "1", "-1"}},
                {F{0.5, 0.25}, refused::everywhere, false, {"rectify::hardtanh", "min_val", "max_val", "0.5", "0.25"}},
                {F{0.5, 0.5}, refused::nowhere, false, {}},    // f is constant, f' is 0
                {F{-7, -2}, refused::nowhere, false, {}},      // both below 0
                {F{-3e38, 3e38}, refused::nowhere, false, {}}};  // finite in float
    }

    template <class T>
    static bool from_output_accepted(const F&) {
        return true;
    }
    /// y is strictly inside (lo, hi) exactly where x is.
    template <class T>
    static exact_t<T> from_output(const F& f, T y) {
        return derivative(f, y);
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 0; }
};

}  // namespace rectify_test
