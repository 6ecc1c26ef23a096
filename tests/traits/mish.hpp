// tests/traits/mish.hpp — Mish's contract: f(x) = x·tanh(softplus(x)), f'(x) = tanh(sp) +
// x·σ(x)·(1 − tanh²(sp)), within 1 ULP of the correctly rounded value everywhere, the zero of f'
// at −1.1924 included; the rest is the self-gated contract (self_gated.hpp).
#pragma once

#include "elu.hpp"
#include "self_gated.hpp"

#include <rectify/mish.hpp>

namespace rectify_test {

template <>
struct traits<rectify::mish> : self_gated_traits<rectify::mish, smooth::fn::mish> {
    static constexpr const char* name = "mish";
    /// x·tanh(softplus x) ≈ x·e^x rounds to −0 below these.
    template <class T>
    static constexpr T zero_below = sizeof(T) == sizeof(float) ? T(-110) : T(-755);
    /// mish(−95) ≈ −95·e^−95 = −5.2e-40 (float), mish(−720) = −1.6e-310 (double); f' alike.
    template <class T>
    static constexpr T subnormal_at = exp_subnormal<T>;
};

}  // namespace rectify_test
