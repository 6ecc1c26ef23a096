// tests/traits/gelu.hpp — GELU's contract: f(x) = ½x·erfc(−x/√2), f'(x) = Φ(x) + x·φ(x), within
// 1 ULP of the correctly rounded value everywhere, the negative tail (no cancellation to 0) and the
// zero of f' at −0.7518 included; the rest is the self-gated contract (self_gated.hpp).
#pragma once

#include "self_gated.hpp"

#include <rectify/gelu.hpp>

namespace rectify_test {

template <>
struct traits<rectify::gelu> : self_gated_traits<rectify::gelu, smooth::fn::gelu> {
    static constexpr const char* name = "gelu";
    /// x·Φ(x) rounds to −0 below these (under half the smallest subnormal from −14.36 / −38.58).
    template <class T>
    static constexpr T zero_below = sizeof(T) == sizeof(float) ? T(-14.5) : T(-38.75);
    /// gelu(−13.5) = −1.1e-40 (float), gelu(−38) = −1.1e-314 (double); f' alike.
    template <class T>
    static constexpr T subnormal_at = sizeof(T) == sizeof(float) ? T(-13.5) : T(-38);
};

}  // namespace rectify_test
