// rectify/detail/xsimd_compat.hpp — xsimd as rectify sees it: whether it is there, and the one
// place that knows how its releases differ. rectify builds with xsimd 8.1 (Debian 12) to 14.x;
// each difference it meets is tested for here by what the release declares (not by its version
// number), and everything else calls the names below.
//
//   what                       8.x                           9.x and later        (Changelog.rst)
//   horizontal sum of a batch  xsimd::hadd                   xsimd::reduce_add    9.0 renamed it
//   reinterpret the bits       bitwise_cast<batch<I, A>>(x)  bitwise_cast<I>(x)   11.0 changed it
//   the arch all others extend xsimd::generic (to 13.x)      xsimd::common        14.0 renamed it
//
// Calls to these helpers are qualified (detail::reduce_add): unqualified, argument-dependent lookup
// would also find xsimd's function of the same name and the call would be ambiguous.
#pragma once

#include <type_traits>
#include <utility>

#include "isa.hpp"

#if defined(__has_include)
#if __has_include(<xsimd/xsimd.hpp>) && !defined(RECTIFY_NO_XSIMD)
#include <xsimd/xsimd.hpp>
#endif
#endif

// xsimd defines XSIMD_NO_SUPPORTED_ARCHITECTURE when the flags enable no SIMD it knows; then
// xsimd::batch does not exist and every array function runs the scalar loop.
#if defined(XSIMD_VERSION_MAJOR) && !defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
#define RECTIFY_HAS_SIMD 1
#else
#define RECTIFY_HAS_SIMD 0
#endif

#if RECTIFY_HAS_SIMD
namespace rectify {
namespace detail {
// The arch every xsimd arch derives from: an overload taking it is the fallback for archs with no
// overload of their own (detail/arch/generic.hpp). The header that declares it tells which name.
#if __has_include(<xsimd/types/xsimd_common_arch.hpp>)
using common_arch = xsimd::common;
#else
using common_arch = xsimd::generic;
#endif

namespace xsimd_probe {
// Argument-dependent lookup finds xsimd's reduce_add / hadd where the release declares them; the
// catch-all below (a worse match than any real overload) stands in where it does not.
struct absent {};
absent reduce_add(...);
absent hadd(...);
template <class B>
using reduce_add_result = decltype(reduce_add(std::declval<B>()));

template <class B>
struct has_reduce_add : std::integral_constant<bool, !std::is_same<reduce_add_result<B>, absent>::value> {};

// From 11.0, bitwise_cast<I>(batch<T, A>) returns batch<I, A>; before, the template argument is
// the type returned, so bitwise_cast<I> of a batch would "return" a plain I.
template <class I, class B, class = void>
struct casts_to_element : std::false_type {};
template <class I, class T, class A>
struct casts_to_element<I, xsimd::batch<T, A>,
                        std::void_t<decltype(xsimd::bitwise_cast<I>(std::declval<xsimd::batch<T, A>>()))>>
    : std::is_same<decltype(xsimd::bitwise_cast<I>(std::declval<xsimd::batch<T, A>>())),
                   xsimd::batch<I, A>> {};

inline namespace RECTIFY_ISA {
// Unqualified on purpose: the lookup finds xsimd's function, or the catch-all above.
template <class B>
inline auto sum_lanes(B const& x) noexcept {
    if constexpr (has_reduce_add<B>::value)
        return reduce_add(x);
    else
        return hadd(x);
}
}  // namespace RECTIFY_ISA
}  // namespace xsimd_probe

inline namespace RECTIFY_ISA {

/// x's bits as a batch of U, the element type of the same width (float ↔ int32, double ↔ int64).
template <class U, class T, class A>
inline xsimd::batch<U, A> reinterpret_lanes(xsimd::batch<T, A> const& x) noexcept {
    if constexpr (xsimd_probe::casts_to_element<U, xsimd::batch<T, A>>::value)
        return xsimd::bitwise_cast<U>(x);
    else
        return xsimd::bitwise_cast<xsimd::batch<U, A>>(x);
}

/// The sum of x's lanes.
template <class T, class A>
inline T reduce_add(xsimd::batch<T, A> const& x) noexcept {
    return xsimd_probe::sum_lanes(x);
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
#endif
