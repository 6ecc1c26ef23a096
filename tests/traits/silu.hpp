// tests/traits/silu.hpp — SiLU's contract: f(x) = x·σ(x), f'(x) = σ(x)·(1 + x·σ(−x)), within 1 ULP
// of the correctly rounded value everywhere, the zero of f' at −1.2785 included; the rest is the
// self-gated contract (self_gated.hpp).
#pragma once

#include "elu.hpp"
#include "self_gated.hpp"

#include <rectify/silu.hpp>

namespace rectify_test {

template <>
struct traits<rectify::silu> : self_gated_traits<rectify::silu, smooth::fn::silu> {
    static constexpr const char* name = "silu";
    /// x·σ(x) rounds to −0 below these (|x|·e^x under half the smallest subnormal).
    template <class T>
    static constexpr T zero_below = sizeof(T) == sizeof(float) ? T(-110) : T(-755);
    /// silu(−95) = −5.2e-40 (float), silu(−720) = −1.6e-310 (double); f' alike.
    template <class T>
    static constexpr T subnormal_at = exp_subnormal<T>;
};

}  // namespace rectify_test
