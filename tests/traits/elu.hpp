// tests/traits/elu.hpp — ELU's contract: f(x) = x > 0 ? x : α·expm1(x), f'(x) = x > 0 ? 1 : α·e^x
// (α at x = 0, the left side), within 1 ULP of the correctly rounded value for every finite α;
// from the output y > 0 ? 1 : y + α, for α ≥ 0.
#pragma once

#include "contract.hpp"

#include <rectify/elu.hpp>

namespace rectify_test {

/// Past this x, α·e^x is below a quarter ULP of α in T (float from −18.1, double from −38.2):
/// α·expm1(x) is −α to the bit, and so is SELU's λα·expm1(x).
template <class T>
constexpr T expm1_saturated = sizeof(T) == sizeof(float) ? T(-19) : T(-39);
/// e^−95 = 5.5e-42 in float, e^−720 = 2.2e-313 in double: subnormal.
template <class T>
constexpr T exp_subnormal = sizeof(T) == sizeof(float) ? T(-95) : T(-720);

template <>
struct traits<rectify::elu> {
    using F = rectify::elu;
    static constexpr const char* name = "elu";
    static constexpr int max_ulp = 1;

    template <class T>
    static exact_t<T> forward(const F& f, T x) {
        return x > 0 || std::isnan(x) ? exactly(x) : scaled_expm1(f.alpha, x);
    }
    template <class T>
    static exact_t<T> derivative(const F& f, T x) {
        return std::isnan(x) ? exactly(x) : x > 0 ? exactly(T(1)) : scaled_exp(f.alpha, x);
    }
    /// α·expm1(±0) = α·±0.
    static zero_rule zero(const F& f) { return f.alpha < 0 ? zero_rule::flips_sign : zero_rule::keeps_sign; }
    /// −α, from above for α > 0 and from below for α < 0; f' = α·e^x → α·+0.
    template <class T>
    static tail<T> minus_inf(const F& f) {
        if (f.alpha == 0) return {-T(0), T(0), approach::constant, -std::numeric_limits<T>::denorm_min()};
        return {T(-f.alpha), T(f.alpha) * T(0), f.alpha > 0 ? approach::from_above : approach::from_below,
                expm1_saturated<T>};
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
    static std::vector<subnormal_result<T>> subnormal_results(const F& f) {
        if (f.alpha == 0) return {};
        return {{direction::derivative, exp_subnormal<T>}};
    }
    /// x > 0 gives x and 1 exactly; x ≤ 0 (and the NaNs) is the exp kernels' work.
    template <class T>
    static interval<T> swept(const F&, direction) {
        return interval<T>::negative_half();
    }
    static std::vector<parameter_case<F>> parameter_cases() {
        const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
        const auto not_finite = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::everywhere, false, {"rectify::elu", "alpha", shown, "not finite"}};
        };
        const auto beyond_float = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::everywhere, true,
                                     {"rectify::elu", "alpha", shown, "not finite in float"}};
        };
        const auto no_rule = [](double alpha, const char* shown) {
            return parameter_case<F>{F{alpha}, refused::from_output, false,
                                     {"rectify::elu", "backward_from_output", "alpha", shown}};
        };
        return {not_finite(nan, "nan"), not_finite(inf, "inf"), not_finite(-inf, "-inf"),
                beyond_float(1e300, "1e+300"), beyond_float(3.5e38, "3.5e+38"),  // 3.5e38 rounds to inf in float
                no_rule(-1.0, "-1"), no_rule(-0.25, "-0.25"),
                {F{0.0}, refused::nowhere, false, {}}};  // α = 0 has the rule: y ≤ 0 gives dy·(y + 0)
    }

    template <class T>
    static bool from_output_accepted(const F& f) {
        return f.alpha >= 0;
    }
    /// y ≤ 0 means y = α·(e^x − 1), so α·e^x = y + α: rounded once in T, α rounded to T first.
    template <class T>
    static exact_t<T> from_output(const F& f, T y) {
        return exactly(y > 0 ? T(1) : T(y + T(f.alpha)));
    }
    static constexpr int from_output_max_ulp = 0;
    static double from_output_gain(const F&) { return 1; }
};

}  // namespace rectify_test
