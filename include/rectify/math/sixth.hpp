// rectify/math/sixth.hpp — (a + b)/6 to twice the precision of the element type, for scalars and
// batches alike: what the hard family's sloped pieces are made of.
//
// Valid lane types: float, double, xsimd::batch<float|double, A>. Valid range: s = a + b exact as
// hi + lo, |hi| ≤ 2^100 and hi = 0 or |hi| ≥ 2^-100 (the hard family passes |a + b| ≤ 9).
// Error: hi + lo is (a + b)/6 within 2^-45 relative (float; 2^-103 double): rounded once, ≤ 0.5 ULP
// plus that.
//
// Why not (a + b)/6 or (a + b)·(1/6): PyTorch's min(max(x + 3, 0), 6)/6 rounds the sum and then
// the quotient, so the result can land a whole ULP from the exact value, and x times it (Hardswish)
// further (tests/README.md has the measures); x/6 + 1/2 cancels near x = −3.
//
// How: q = RN(hi·RN(1/6)); the exact remainder hi − 6q (one fused fma; Dekker's product without
// one), plus lo, is 6 times what q lacks; times RN(1/6) it is the low part, relative error 2^-23
// of a part below 2^-21 of q.
#pragma once

#include "../detail/error_free.hpp"

namespace rectify {
namespace math {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp

/// (s.hi + s.lo)/6 as hi + lo, for s an exact sum.
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> sixth_of(rectify::detail::hi_lo<T> s) noexcept {
    using S = rectify::detail::scalar_t<T>;
    constexpr S one_sixth = S(1) / S(6);  // rounded once, to nearest
    const T q = s.hi * T(one_sixth);
    const T remainder = rectify::detail::residual(q, T(S(6)), s.hi) + s.lo;
    return {q, remainder * T(one_sixth)};
}

/// x + c as hi + lo exactly, for |x| ≤ |c| (Fast2Sum: two operations beside the sum).
template <class T>
RECTIFY_INLINE rectify::detail::hi_lo<T> sum_with_larger(T x, T c) noexcept {
    const T s = c + x;
    return {s, x - (s - c)};
}

}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
