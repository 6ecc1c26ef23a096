// rectify/math/half_up.hpp — x/2 + δ rounded once, for δ > 0 below anything the result can hold:
// x·f(x) for tiny x when f(0) = ½ and f'(0) > 0 (gelu, gelu_tanh: x/2 + x²·f'(0)). Where x/2
// falls in the subnormals it is a tie whenever x's last bit is odd, and δ breaks it upward (away
// from zero for x > 0, towards it for x < 0); elsewhere the result is x/2.
#pragma once

#include "../detail/ops.hpp"

namespace rectify {
namespace math {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

/// In T itself (double, float, or their batches), x subnormal or tiny: of RN(x/2) and x − RN(x/2)
/// (x/2's two neighbours, one number where x/2 is exact), the larger.
template <class T>
RECTIFY_INLINE T half_up(T x) noexcept {
    const T half = x * T(0.5);
    const T other = x - half;  // exact
    return rectify::detail::select(other > half, other, half);
}

/// For a float kernel computed in double (in_double.hpp), x a float held in D: a double that
/// rounds to the float x/2 + δ rounds to. x/2 is exact in double, so it is moved up by 2^-40 of
/// itself: past a float tie, and too little to cross any other float rounding boundary. ±0 stay.
template <class D>
RECTIFY_INLINE D half_up_for_float(D x) noexcept {
    return x * rectify::detail::select(x > D(0), D(0.5 + 0x1p-41), D(0.5 - 0x1p-41));
}

}  // namespace detail
}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
