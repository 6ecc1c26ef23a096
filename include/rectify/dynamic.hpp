// rectify/dynamic.hpp — the array functions at the best instruction set the CPU has, chosen at
// run time: for binaries that are built once and run anywhere (link the compiled library
// rectify::dynamic). The header-only functions (rectify::forward, …) pick theirs at compile time.
//
//   rectify::dynamic::forward(f, x, y, n);                    y  = f(x)
//   rectify::dynamic::derivative(f, x, d, n);                 d  = f'(x)
//   rectify::dynamic::backward(f, x, dy, dx, n);              dx = dy · f'(x)
//   rectify::dynamic::backward_from_output(f, y, dy, dx, n);  dx = dy · f'(x), f' from y = f(x)
//   rectify::dynamic::prelu_forward(x, slopes, y, shape);
//   rectify::dynamic::prelu_backward(x, slopes, dy, dx, dslopes, shape);
//   rectify::dynamic::arch_name();                            "avx512bw", "avx2", "sse2", "neon", …
//
// The same parameters, results (to the bit) and errors as the compile-time functions at the
// instruction set chosen, for every activation of the library (detail/activation_list.hpp), float
// and double. The library holds one translation unit per instruction set, each compiled with that
// set's flags: x86-64 SSE2 (the baseline), AVX2+FMA and AVX-512 (F, CD, DQ, BW); NEON on AArch64;
// the scalar loop everywhere. The first call picks the best one the CPU runs, once per process
// (thread-safe); the environment variable RECTIFY_ARCH names another one instead (sse2, avx2,
// avx512bw, neon, scalar: the names arch_name() gives; also xsimd's full names, "fma3+avx2"). A name this build lacks or this
// CPU cannot run is an error at every call (std::runtime_error naming the value and the ones
// available; with exceptions disabled, the message on stderr, then abort), never an illegal
// instruction.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "detail/activation_list.hpp"
#include "rectify.hpp"

namespace rectify {
namespace dynamic {

/// The instruction set the calls run, by the name RECTIFY_ARCH takes: "avx512bw", "avx2", "sse2",
/// "neon", "scalar" (xsimd's name of the unit's arch without its prefix: "fma3+avx2" is "avx2").
const char* arch_name();

// Out of line, in the library: one overload per activation and element type. Not in the
// instruction-set namespace (detail/isa.hpp): the library has one definition of each, whatever
// the flags of the units that call it.
#define RECTIFY_DYNAMIC_DECLARE_TYPED(F, T)                                      \
    void forward(const F& f, const T* x, T* y, std::size_t n);                  \
    void derivative(const F& f, const T* x, T* d, std::size_t n);               \
    void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n);
RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_DYNAMIC_DECLARE_TYPED)
#undef RECTIFY_DYNAMIC_DECLARE_TYPED

void prelu_forward(const float* x, const float* slopes, float* y, channel_shape s);
void prelu_forward(const double* x, const double* slopes, double* y, channel_shape s);
void prelu_backward(const float* x, const float* slopes, const float* dy, float* dx, float* dslopes,
                    channel_shape s);
void prelu_backward(const double* x, const double* slopes, const double* dy, double* dx,
                    double* dslopes, channel_shape s);

namespace detail {
/// F recovers f'(x) from y = f(x): it declares derivative_from_output.
template <class F, class = void>
struct has_from_output_rule : std::false_type {};
template <class F>
struct has_from_output_rule<F, std::void_t<decltype(std::declval<const F&>().derivative_from_output(1.0f))>>
    : std::true_type {};

// backward_from_output of every listed activation; rectify::dynamic::backward_from_output
// below admits those with the rule, so that the others do not compile, as at compile time.
#define RECTIFY_DYNAMIC_DECLARE_TYPED(F, T) \
    void backward_from_output(const F& f, const T* y, const T* dy, T* dx, std::size_t n);
RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_DYNAMIC_DECLARE_TYPED)
#undef RECTIFY_DYNAMIC_DECLARE_TYPED

/// For tests and benchmarks: from now on, run the instruction set `name` (as RECTIFY_ARCH would;
/// the same error if the build lacks it or the CPU cannot run it). Not synchronised with calls
/// running in other threads.
void use_arch(const char* name);
/// The instruction sets this build has and this CPU runs, best first: "avx512bw,avx2,sse2,scalar".
const char* runnable_archs();
}  // namespace detail

inline namespace RECTIFY_ISA {  // inline wrappers: per instruction set, see detail/isa.hpp

/// dx[i] = dy[i] · f'(x[i]), with f'(x) recovered from y[i] = f(x[i]).
template <class F, class T, std::enable_if_t<detail::has_from_output_rule<F>::value, int> = 0>
inline void backward_from_output(const F& f, const T* y, const T* dy, T* dx, std::size_t n) {
    detail::backward_from_output(f, y, dy, dx, n);
}

#if RECTIFY_HAS_SPAN
// The span forms, of any extent: every size is checked, then the pointer form runs.
template <class F, class In, std::size_t EX, class T, std::size_t EY,
          std::enable_if_t<rectify::detail::input_of<In, T>, int> = 0>
void forward(const F& f, std::span<In, EX> x, std::span<T, EY> y) {
    rectify::detail::check_sizes("forward", "x", x.size(), "y", y.size());
    dynamic::forward(f, static_cast<const T*>(x.data()), y.data(), x.size());
}
template <class F, class In, std::size_t EX, class T, std::size_t ED,
          std::enable_if_t<rectify::detail::input_of<In, T>, int> = 0>
void derivative(const F& f, std::span<In, EX> x, std::span<T, ED> d) {
    rectify::detail::check_sizes("derivative", "x", x.size(), "d", d.size());
    dynamic::derivative(f, static_cast<const T*>(x.data()), d.data(), x.size());
}
template <class F, class In, std::size_t EX, class G, std::size_t EG, class T, std::size_t ED,
          std::enable_if_t<rectify::detail::input_of<In, T> && rectify::detail::input_of<G, T>, int> = 0>
void backward(const F& f, std::span<In, EX> x, std::span<G, EG> dy, std::span<T, ED> dx) {
    rectify::detail::check_sizes("backward", "x", x.size(), "dy", dy.size());
    rectify::detail::check_sizes("backward", "x", x.size(), "dx", dx.size());
    dynamic::backward(f, static_cast<const T*>(x.data()), static_cast<const T*>(dy.data()), dx.data(),
                      x.size());
}
template <class F, class In, std::size_t EY, class G, std::size_t EG, class T, std::size_t ED,
          std::enable_if_t<rectify::detail::input_of<In, T> && rectify::detail::input_of<G, T> &&
                               detail::has_from_output_rule<F>::value,
                           int> = 0>
void backward_from_output(const F& f, std::span<In, EY> y, std::span<G, EG> dy, std::span<T, ED> dx) {
    rectify::detail::check_sizes("backward_from_output", "y", y.size(), "dy", dy.size());
    rectify::detail::check_sizes("backward_from_output", "y", y.size(), "dx", dx.size());
    detail::backward_from_output(f, static_cast<const T*>(y.data()), static_cast<const T*>(dy.data()),
                                 dx.data(), y.size());
}
template <class In, std::size_t EX, class Sl, std::size_t ES, class T, std::size_t EY,
          std::enable_if_t<rectify::detail::input_of<In, T> && rectify::detail::input_of<Sl, T>, int> = 0>
void prelu_forward(std::span<In, EX> x, std::span<Sl, ES> slopes, std::span<T, EY> y, channel_shape s) {
    rectify::detail::check_sizes("prelu_forward", "shape", s.size(), "x", x.size());
    rectify::detail::check_sizes("prelu_forward", "x", x.size(), "y", y.size());
    rectify::detail::check_sizes("prelu_forward", "channels", s.channels, "slopes", slopes.size());
    dynamic::prelu_forward(static_cast<const T*>(x.data()), static_cast<const T*>(slopes.data()),
                           y.data(), s);
}
template <class In, std::size_t EX, class Sl, std::size_t ES, class G, std::size_t EG, class T,
          std::size_t ED, std::size_t EDS,
          std::enable_if_t<rectify::detail::input_of<In, T> && rectify::detail::input_of<Sl, T> &&
                               rectify::detail::input_of<G, T>,
                           int> = 0>
void prelu_backward(std::span<In, EX> x, std::span<Sl, ES> slopes, std::span<G, EG> dy,
                    std::span<T, ED> dx, std::span<T, EDS> dslopes, channel_shape s) {
    rectify::detail::check_sizes("prelu_backward", "shape", s.size(), "x", x.size());
    rectify::detail::check_sizes("prelu_backward", "x", x.size(), "dy", dy.size());
    rectify::detail::check_sizes("prelu_backward", "x", x.size(), "dx", dx.size());
    rectify::detail::check_sizes("prelu_backward", "channels", s.channels, "slopes", slopes.size());
    rectify::detail::check_sizes("prelu_backward", "channels", s.channels, "dslopes", dslopes.size());
    dynamic::prelu_backward(static_cast<const T*>(x.data()), static_cast<const T*>(slopes.data()),
                            static_cast<const T*>(dy.data()), dx.data(), dslopes.data(), s);
}
#endif

}  // namespace RECTIFY_ISA
}  // namespace dynamic
}  // namespace rectify
