// rectify/array.hpp — the array functions of every activation. Each goes through
// detail::transform (detail/walk.hpp, where the array layer walks memory): unrolled full batches,
// a partial last batch computed by the same SIMD code (so every element of an array gets
// bit-identical treatment), and non-temporal stores for arrays too large to stay in cache, which
// write to DRAM without reading the destination first.
//
//   rectify::forward(f, x, y, n);                    y  = f(x)
//   rectify::derivative(f, x, d, n);                 d  = f'(x)
//   rectify::backward(f, x, dy, dx, n);              dx = dy · f'(x)
//   rectify::backward_from_output(f, y, dy, dx, n);  dx = dy · f'(x), f' taken from y = f(x)
//
// Outputs may be the same pointer as an input (in place); any other overlap is an error, raised
// before anything is written, as are null pointers with n > 0 and parameters outside their domain.
#pragma once

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>

#if defined(__has_include)
#if __has_include(<span>) && __cplusplus >= 202002L
#include <span>
#define RECTIFY_HAS_SPAN 1
#endif
#endif
#ifndef RECTIFY_HAS_SPAN
#define RECTIFY_HAS_SPAN 0
#endif

#include "arch.hpp"
#include "detail/errors.hpp"
#include "detail/ops.hpp"
#include "detail/walk.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp

// Parameter checks an activation may declare: check<T>() for every direction,
// check_from_output<T>() for the rule that recovers f'(x) from y = f(x); T is the element type of
// the call, in which the parameters are used.
template <class F, class T, class = void>
struct has_check : std::false_type {};
template <class F, class T>
struct has_check<F, T, std::void_t<decltype(std::declval<const F&>().template check<T>())>>
    : std::true_type {};
template <class F, class T, class = void>
struct has_check_from_output : std::false_type {};
template <class F, class T>
struct has_check_from_output<F, T, std::void_t<decltype(std::declval<const F&>().template check_from_output<T>())>>
    : std::true_type {};

// An activation with a cheaper kernel for some parameter values (ELU with α = 1) declares
// with_kernel(fn), which calls fn with the kernel to run; others run as they are.
template <class F, class = void>
struct has_with_kernel : std::false_type {};
template <class F>
struct has_with_kernel<F, std::void_t<decltype(std::declval<const F&>().with_kernel(
                              std::declval<void (*)(const F&)>()))>> : std::true_type {};
template <class F, class Fn>
inline void with_kernel(const F& f, Fn&& fn) {
    if constexpr (has_with_kernel<F>::value)
        f.with_kernel(fn);
    else
        fn(f);
}

// transform with as many batches per step as kernel K asks for (walk.hpp).
template <class Arch, class K, class Op, class T, class... In>
inline void transform_for(const K&, Op op, std::size_t n, T* out, const In*... in) noexcept {
    transform<Arch, batches_per_step<K>::value>(op, n, out, in...);
}

template <class T, class F>
inline void check_parameters(const F& f, bool from_output) {
    if constexpr (has_check<F, T>::value) f.template check<T>();
    if constexpr (has_check_from_output<F, T>::value)
        if (from_output) f.template check_from_output<T>();
}

template <class T>
inline void check_unary(const char* function, const T* x, const T* y, std::size_t n,
                        const char* x_name, const char* y_name) {
    check_pointer(function, x_name, x, n);
    check_pointer(function, y_name, y, n);
    check_overlap(function, x_name, x, n * sizeof(T), y_name, y, n * sizeof(T));
}

template <class T>
inline void check_binary(const char* function, const T* a, const T* dy, const T* dx, std::size_t n,
                         const char* a_name) {
    check_unary(function, a, dx, n, a_name, "dx");
    check_pointer(function, "dy", dy, n);
    check_overlap(function, "dy", dy, n * sizeof(T), "dx", dx, n * sizeof(T));
}

}  // namespace RECTIFY_ISA
}  // namespace detail

inline namespace RECTIFY_ISA {
/// y[i] = f(x[i]).
template <class Arch = default_arch, class F, class T>
void forward(const F& f, const T* x, T* y, std::size_t n) {
    detail::check_unary("forward", x, y, n, "x", "y");
    detail::check_parameters<T>(f, false);
    // k by value: a copy whose address never escapes cannot alias the output, so its parameters
    // stay in registers (with [&k], a double store to y might change k.alpha).
    detail::with_kernel(f, [&](const auto& k) {
        detail::transform_for<Arch>(k, [k](auto v) RECTIFY_INLINE_LAMBDA { return k(v); }, n, y, x);
    });
}

/// d[i] = f'(x[i]); at 0 the left side, at NaN NaN.
template <class Arch = default_arch, class F, class T>
void derivative(const F& f, const T* x, T* d, std::size_t n) {
    detail::check_unary("derivative", x, d, n, "x", "d");
    detail::check_parameters<T>(f, false);
    detail::with_kernel(f, [&](const auto& k) {
        const auto op = [k](auto v) RECTIFY_INLINE_LAMBDA { return k.derivative(v); };
        detail::transform_for<Arch>(k, op, n, d, x);
    });
}

/// dx[i] = dy[i] · f'(x[i]).
template <class Arch = default_arch, class F, class T>
void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
    detail::check_binary("backward", x, dy, dx, n, "x");
    detail::check_parameters<T>(f, false);
    detail::with_kernel(f, [&](const auto& k) {
        const auto op = [k](auto v, auto g) RECTIFY_INLINE_LAMBDA { return g * k.derivative(v); };
        detail::transform_for<Arch>(k, op, n, dx, x, dy);
    });
}

/// dx[i] = dy[i] · f'(x[i]), with f'(x) recovered from y[i] = f(x[i]) (no need to keep x).
template <class Arch = default_arch, class F, class T>
void backward_from_output(const F& f, const T* y, const T* dy, T* dx, std::size_t n) {
    detail::check_binary("backward_from_output", y, dy, dx, n, "y");
    detail::check_parameters<T>(f, true);
    detail::with_kernel(f, [&](const auto& k) {
        const auto op = [k](auto v, auto g) RECTIFY_INLINE_LAMBDA {
            return g * k.derivative_from_output(v);
        };
        detail::transform<Arch>(op, n, dx, y, dy);  // a short rule, whatever the kernel
    });
}

#if RECTIFY_HAS_SPAN
}  // namespace RECTIFY_ISA
namespace detail {
// A span input: of T or of const T (std::span<const float>, or a std::span<float> from a vector).
template <class In, class T>
constexpr bool input_of = std::is_same<std::remove_const_t<In>, T>::value && !std::is_const<T>::value;
}  // namespace detail

inline namespace RECTIFY_ISA {
// The same four over spans, of any extent; the sizes must match.
template <class Arch = default_arch, class F, class In, std::size_t EX, class T, std::size_t EY,
          std::enable_if_t<detail::input_of<In, T>, int> = 0>
void forward(const F& f, std::span<In, EX> x, std::span<T, EY> y) {
    detail::check_sizes("forward", "x", x.size(), "y", y.size());
    forward<Arch>(f, static_cast<const T*>(x.data()), y.data(), x.size());
}
template <class Arch = default_arch, class F, class In, std::size_t EX, class T, std::size_t ED,
          std::enable_if_t<detail::input_of<In, T>, int> = 0>
void derivative(const F& f, std::span<In, EX> x, std::span<T, ED> d) {
    detail::check_sizes("derivative", "x", x.size(), "d", d.size());
    derivative<Arch>(f, static_cast<const T*>(x.data()), d.data(), x.size());
}
template <class Arch = default_arch, class F, class In, std::size_t EX, class G, std::size_t EG,
          class T, std::size_t ED,
          std::enable_if_t<detail::input_of<In, T> && detail::input_of<G, T>, int> = 0>
void backward(const F& f, std::span<In, EX> x, std::span<G, EG> dy, std::span<T, ED> dx) {
    detail::check_sizes("backward", "x", x.size(), "dy", dy.size());
    detail::check_sizes("backward", "x", x.size(), "dx", dx.size());
    backward<Arch>(f, static_cast<const T*>(x.data()), static_cast<const T*>(dy.data()), dx.data(),
                   x.size());
}
template <class Arch = default_arch, class F, class In, std::size_t EY, class G, std::size_t EG,
          class T, std::size_t ED,
          std::enable_if_t<detail::input_of<In, T> && detail::input_of<G, T>, int> = 0>
void backward_from_output(const F& f, std::span<In, EY> y, std::span<G, EG> dy,
                          std::span<T, ED> dx) {
    detail::check_sizes("backward_from_output", "y", y.size(), "dy", dy.size());
    detail::check_sizes("backward_from_output", "y", y.size(), "dx", dx.size());
    backward_from_output<Arch>(f, static_cast<const T*>(y.data()), static_cast<const T*>(dy.data()),
                               dx.data(), y.size());
}
#endif

}  // namespace RECTIFY_ISA
}  // namespace rectify
