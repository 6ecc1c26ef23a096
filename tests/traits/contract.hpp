// tests/traits/contract.hpp — the words an activation's contract is written in. Each activation
// has one traits<F> (tests/traits/<name>.hpp) saying, as data, what every test battery checks:
//
//   name                         the activation's name in messages ("elu")
//   max_ulp                      forward and derivative: 0, the formula computed in T, bit for bit;
//                                1, within 1 ULP of the correctly rounded exact value
//   forward<T>(f, x)             the exact f(x) and f'(x), as exact_t<T> (reference.hpp) or a
//   derivative<T>(f, x)          double-double, written without the library's code; the
//                                derivative at a kink is the kink's value
//   zero(f)                      what f(±0) is (zero_rule)
//   minus_inf<T>(f)              f and f' towards −inf and +inf (tail; the slope's zero unsigned)
//   plus_inf<T>(f)
//   kinks<T>(f)                  the points without a derivative and the value f' takes there
//   subnormal_results<T>(f)      inputs whose f(x) or f'(x) is subnormal (kept, never flushed)
//   swept<T>(f, d)               where forward (d = forward) or the derivative is not trivially
//                                exact: the inputs of the accuracy sweep; outside it the result
//                                is the formula's, bit for bit (x itself, a constant)
//   parameter_cases()            parameter values rectify refuses, and boundary ones it takes
//   reference_judges<T>          optional, default true: whether forward/derivative are exact
//                                enough on this target to judge max_ulp (smooth_reference.hpp)
// and, where f has a derivative_from_output (detected: has_from_output_rule<F>):
//   from_output_accepted<T>(f)   whether the parameters allow the rule (Leaky ReLU: α > 0)
//   from_output<T>(f, y)         the rule: f'(x) from y = f(x), exact_t<T>
//   from_output_max_ulp          the rule's bound at a given y (0: the formula in T, bit for bit)
//   from_output_gain(f)          max |d rule / dy|: how far an error in y moves the result
#pragma once

#include "../reference.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace rectify_test {

// ---- the four array functions, as data -----------------------------------------------------------
enum class direction { forward, derivative, backward, backward_from_output };
constexpr direction all_directions[] = {direction::forward, direction::derivative, direction::backward,
                                        direction::backward_from_output};
inline const char* name_of(direction d) {
    switch (d) {
        case direction::forward: return "forward";
        case direction::derivative: return "derivative";
        case direction::backward: return "backward";
        default: return "backward_from_output";
    }
}
inline bool takes_gradient(direction d) { return d == direction::backward || d == direction::backward_from_output; }

// ---- the contract's vocabulary -------------------------------------------------------------------
/// What f(±0) is.
enum class zero_rule {
    keeps_sign,  // f(±0) = ±0 (ELU, SELU, Leaky ReLU with α ≥ 0)
    positive,    // f(±0) = +0 (ReLU)
    flips_sign,  // f(±0) = ∓0 (α·x with α < 0)
    value,       // both the formula's nonzero value at 0, correctly rounded (sigmoid: 0.5)
};

/// How f reaches its limit at an infinity.
enum class approach {
    none,        // no finite limit (Leaky ReLU: α·x)
    constant,    // f is the limit on the whole half-line beyond `reached` (ReLU below 0)
    from_above,  // f stays above the limit and is it, exactly, beyond `reached` (ELU, α > 0: −α)
    from_below,  // f stays below it (ELU with α < 0: −α > 0)
};

/// f and f' towards one infinity.
template <class T>
struct tail {
    T value;     // f(±inf), exactly
    T slope;     // f'(±inf), and f'(x) for every |x| ≥ slope_from, exactly; a zero slope is
                 // either zero (silu' and mish' reach it from below: −0)
    approach how;
    T reached;   // how != none: f(x) is `value`, exactly, for x at `reached` and beyond
    T slope_from = T(1000);  // |x| from which f' is `slope` (celu with α = 2: e^(x/α) needs more)
};
/// A derivative against its limit: the same bits, or both zero (of either sign).
template <class T>
bool is_slope(T got, T slope) {
    return slope == 0 ? got == 0 : same(got, slope);
}

/// A point where f has no derivative, and the value f' takes there (for x = 0, at +0 and −0):
/// the left side for the ReLU family; PyTorch's values where it differs.
template <class T>
struct kink {
    T x;
    T derivative;
};

/// An input whose forward value (d = forward) or derivative is a subnormal number.
template <class T>
struct subnormal_result {
    direction d;
    T x;
};

/// The inputs from lo to hi, ends included, in the order −inf < … < −0 < +0 < … < +inf (so that
/// [−inf, −0] is the negative half, −0 included); the NaNs of a sign go with the infinity of that
/// sign. Empty when lo comes after hi.
template <class T>
struct interval {
    T lo, hi;
    static interval everything() { return {-std::numeric_limits<T>::infinity(), std::numeric_limits<T>::infinity()}; }
    static interval negative_half() { return {-std::numeric_limits<T>::infinity(), -T(0)}; }
    static interval nothing() { return {T(1), T(0)}; }
    bool empty() const { return ordinal(lo) > ordinal(hi); }
    bool contains(T x) const {
        if (std::isnan(x)) return std::signbit(x) ? std::isinf(lo) && lo < 0 : std::isinf(hi) && hi > 0;
        return ordinal(lo) <= ordinal(x) && ordinal(x) <= ordinal(hi);
    }
};

/// A parameter value and what rectify must do with it.
enum class refused {
    everywhere,   // every direction throws std::invalid_argument before writing anything
    from_output,  // backward_from_output throws; the other directions take the value
    nowhere,      // a boundary every direction takes
};
template <class F>
struct parameter_case {
    F f;
    refused where;
    bool float_only;                   // finite as a double, not in float: only float calls refuse
    std::vector<std::string> message;  // what the message must contain
};

/// One specialization per activation, in tests/traits/<name>.hpp.
template <class F>
struct traits;

/// Whether F offers the from-output rule (f.derivative_from_output(y)); where it does not,
/// backward_from_output does not compile.
template <class F, class = void>
struct has_from_output_rule : std::false_type {};
template <class F>
struct has_from_output_rule<F, std::void_t<decltype(std::declval<const F&>().derivative_from_output(0.0f))>>
    : std::true_type {};
/// Whether traits<F> writes a from-output rule down: it must exactly where F has one.
template <class F, class = void>
struct traits_state_from_output : std::false_type {};
template <class F>
struct traits_state_from_output<F, std::void_t<decltype(traits<F>::from_output(std::declval<const F&>(), 0.0f))>>
    : std::true_type {};

/// Whether direction d runs for f with element type T: backward_from_output needs the rule and
/// parameters that allow it.
template <class T, class F>
bool offers(const F& f, direction d) {
    if (d != direction::backward_from_output) return true;
    if constexpr (has_from_output_rule<F>::value) return traits<F>::template from_output_accepted<T>(f);
    else return false;
}

template <class Tr, class T, class = void>
struct declares_reference_judges : std::false_type {};
template <class Tr, class T>
struct declares_reference_judges<Tr, T, std::void_t<decltype(Tr::template reference_judges<T>)>> : std::true_type {};
/// Whether the traits' exact values of F in T can judge its ULP bound on this target.
template <class F, class T>
constexpr bool reference_judges() {
    if constexpr (declares_reference_judges<traits<F>, T>::value) return traits<F>::template reference_judges<T>;
    else return true;
}

/// The exact forward value or derivative, by direction (forward or derivative): exact_t<T>, or
/// whatever more precise form (a double-double for double) the activation's traits return.
template <class F, class T>
auto exact(const F& f, direction d, T x) {
    if (d == direction::forward) return traits<F>::forward(f, x);
    return traits<F>::derivative(f, x);
}

}  // namespace rectify_test
