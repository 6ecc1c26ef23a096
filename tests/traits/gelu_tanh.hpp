// tests/traits/gelu_tanh.hpp — the tanh form of GELU: f(x) = ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))
// with the constants as real numbers, f' the derivative of that formula, within 1 ULP of the
// correctly rounded value everywhere, the negative tail and the zero of f' at −0.7525 included; the
// rest is the self-gated contract (self_gated.hpp).
#pragma once

#include "self_gated.hpp"

#include <rectify/gelu_tanh.hpp>

namespace rectify_test {

template <>
struct traits<rectify::gelu_tanh> : self_gated_traits<rectify::gelu_tanh, smooth::fn::gelu_tanh> {
    static constexpr const char* name = "gelu_tanh";
    /// x·σ(2u) rounds to −0 below these (under half the smallest subnormal from −10.77 / −21.55).
    template <class T>
    static constexpr T zero_below = sizeof(T) == sizeof(float) ? T(-11) : T(-21.75);
    /// gelu_tanh(−10.5) = −7.4e-43 (float), gelu_tanh(−21.25) = −1.7e-311 (double); f' alike.
    template <class T>
    static constexpr T subnormal_at = sizeof(T) == sizeof(float) ? T(-10.5) : T(-21.25);
};

}  // namespace rectify_test
