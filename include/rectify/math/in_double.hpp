// rectify/math/in_double.hpp — float kernels computed in double and rounded once: GELU's and
// gelu_tanh's.
//
// Why double: GELU's erfc part is a fitted rational function of |x| (math/gelu.hpp), and a
// rational function evaluated in float carries about 3·2^-24 of its own rounding errors, more than
// the whole 1 ULP budget; compensating it in float (hi + lo Horner steps, a compensated quotient)
// takes more operations than the same formula in double, where every rounding is 2^-53, no
// compensation is needed, and the exponent range holds every intermediate value (x³ of gelu_tanh
// for every float x, e^(−x²/2) down to the subnormal float results). The one rounding that counts
// is the last, double to float.
//
// A float batch of N lanes becomes two double batches of N/2 lanes (detail/arch/: cvtps2pd and
// cvtpd2ps on x86, fcvtl / fcvtn on AArch64, through memory elsewhere); an arch with no double
// lanes (32-bit NEON) runs the double kernel lane by lane. A float scalar runs the same double
// operations as each lane, so scalar and batch give the same bits.
#pragma once

#include "exp_core.hpp"

#include <cstddef>
#include <type_traits>

namespace rectify {
namespace math {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp
namespace detail {

/// k(x) for float x: the double kernel k on x widened (exact), rounded once to float.
template <class Kernel>
RECTIFY_INLINE float in_double(float x, Kernel k) noexcept {
    return static_cast<float>(k(static_cast<double>(x)));
}
#if RECTIFY_HAS_SIMD
template <class A, class Kernel>
RECTIFY_INLINE xsimd::batch<float, A> in_double(xsimd::batch<float, A> const& x, Kernel k) noexcept {
    if constexpr (rectify::detail::arch::has_double_lanes(A{})) {
        const auto halves = rectify::detail::widen(x);
        return rectify::detail::narrow(k(halves[0]), k(halves[1]));
    } else {
        constexpr std::size_t n = xsimd::batch<float, A>::size;
        alignas(64) float lanes[n];
        x.store_aligned(lanes);
        for (std::size_t i = 0; i < n; ++i) lanes[i] = in_double(lanes[i], k);
        return xsimd::batch<float, A>::load_aligned(lanes);
    }
}
#endif

/// e^−x for the float kernels in double (D = double or a double batch), |x| ≤ 700: exp_core.hpp's
/// reduction in double and its float-fitted degree-4 q, e^−x = 2^n·(1 + V) to 2^-28.2 relative
/// (q's fit; V and the reduction round at ~2^-50 in double, and r_lo is below 2^-45 of r).
template <class D>
RECTIFY_INLINE D exp_neg_for_float(D x) noexcept {
    using Q = exp_core_constants<float>;
    const auto red = reduce_neg<0>(x);
    const D v = rectify::detail::mul_sub(red.u * red.u, polynomial_at_minus<Q::degree>(red.u, Q::q), red.u);
    return rectify::detail::mul_add(red.scale, v, red.scale);
}

}  // namespace detail
}  // namespace RECTIFY_ISA
}  // namespace math
}  // namespace rectify
