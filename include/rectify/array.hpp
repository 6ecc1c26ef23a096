// rectify/array.hpp — the one place that walks memory. Every activation's array functions go
// through transform(): unrolled full batches, a partial last batch computed by the same SIMD code
// (so every element of an array gets bit-identical treatment), and non-temporal stores for arrays
// too large to stay in cache, which write to DRAM without reading the destination first.
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
#include "detail/arch/primitives.hpp"
#include "detail/errors.hpp"
#include "detail/ops.hpp"

/// A call whose arrays (inputs and output) add up to at least this many bytes writes its output
/// with non-temporal stores (x86), like glibc's memcpy above about 3/4 of the shared cache: arrays
/// that do not fit in the last-level cache together push the output out before anyone reads it,
/// and a regular store would first read every line it writes. Below it, regular stores keep the
/// output in cache for whoever reads it next. Counted over all the arrays, not the output alone:
/// measured here (Zen 4, 32 MiB L3), Leaky ReLU backward at 4 Mi floats (three 16 MiB arrays) ran
/// 1.4x faster streamed, forward (two) 1.2x.
#ifndef RECTIFY_STREAM_THRESHOLD_BYTES
#define RECTIFY_STREAM_THRESHOLD_BYTES (24u << 20)
#endif

/// A run shorter than this is written with regular stores even inside a streamed array.
#ifndef RECTIFY_STREAM_MIN_RUN_BYTES
#define RECTIFY_STREAM_MIN_RUN_BYTES (16u << 10)
#endif

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp

#if RECTIFY_HAS_SIMD
// Elements to write before `out` reaches a batch boundary, where streaming can start: 0 if it is
// on one already, or if no whole number of elements gets it there; at most n.
template <class B, class T>
inline std::size_t stream_head(const T* out, std::size_t n) noexcept {
    const auto misaligned = reinterpret_cast<std::uintptr_t>(out) % sizeof(B);
    if (misaligned == 0 || misaligned % sizeof(T) != 0) return 0;
    return std::min(n, (sizeof(B) - misaligned) / sizeof(T));
}
// body(store) with store(p, v) a non-temporal store, then a fence, when `stream` (the caller has
// checked that every p it stores to is aligned); else with a plain unaligned store.
template <class B, class Body>
inline void with_stores(bool stream, Body body) {
    using T = typename B::value_type;
    if (stream) {
        body([](T* p, const B& v) { store_stream(p, v); });
        stream_fence();
    } else {
        body([](T* p, const B& v) { v.store_unaligned(p); });
    }
}

// out[i] = op(in[i]...) for i < count < one batch: through a zero-padded buffer, so the partial
// batch runs the same SIMD code as the full ones.
template <class A, class Op, class T, std::size_t... I, class... In>
inline void transform_partial(Op& op, std::size_t count, T* out, std::index_sequence<I...>,
                              const In*... in) noexcept {
    using B = xsimd::batch<T, A>;
    alignas(64) T buffers[sizeof...(In) + 1][B::size] = {};
    (std::copy(in, in + count, buffers[I]), ...);
    op(B::load_aligned(buffers[I])...).store_aligned(buffers[sizeof...(In)]);
    std::copy(buffers[sizeof...(In)], buffers[sizeof...(In)] + count, out);
}
#endif

/// Whether a call that reads and writes `arrays` arrays of `bytes` each streams its output.
inline bool streams(std::size_t arrays, std::size_t bytes) noexcept {
    return bytes >= RECTIFY_STREAM_THRESHOLD_BYTES / arrays;
}

/// out[i] = op(in[i]...) for i < n; op takes and returns T or batch<T, Arch> alike. `stream`:
/// non-temporal stores, decided by the caller from the whole output when it writes one array in
/// several runs (PReLU NCHW: a run per channel), so that each run does not look small.
template <class Arch, class Op, class T, class... In>
inline void transform_streaming(bool stream, Op op, std::size_t n, T* out, const In*... in) noexcept {
    static_assert((std::is_same<In, T>::value && ...), "inputs and output share one element type");
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size, unroll = 4;
        std::size_t i = 0;
        // The fence after streaming waits for the stores to drain: measured here, streaming rows
        // of 256 bytes (PReLU NHWC, 64 channels) ran at 0.15-0.3x of plain stores. Short runs
        // keep regular stores.
        if (stream && n * sizeof(T) >= RECTIFY_STREAM_MIN_RUN_BYTES) {
            // Peel to the output's alignment, then stream whole batches.
            i = stream_head<B>(out, n);
            if (i > 0) transform_partial<Arch>(op, i, out, std::index_sequence_for<In...>{}, in...);
            if (reinterpret_cast<std::uintptr_t>(out + i) % sizeof(B) == 0) {
                for (; i + unroll * N <= n; i += unroll * N) {
                    const B r0 = op(B::load_unaligned(in + i)...);
                    const B r1 = op(B::load_unaligned(in + i + N)...);
                    const B r2 = op(B::load_unaligned(in + i + 2 * N)...);
                    const B r3 = op(B::load_unaligned(in + i + 3 * N)...);
                    store_stream(out + i, r0);
                    store_stream(out + i + N, r1);
                    store_stream(out + i + 2 * N, r2);
                    store_stream(out + i + 3 * N, r3);
                }
                stream_fence();
            }
        }
        for (; i + unroll * N <= n; i += unroll * N) {
            // Four independent batches: loads, math and stores of one overlap the others'.
            const B r0 = op(B::load_unaligned(in + i)...);
            const B r1 = op(B::load_unaligned(in + i + N)...);
            const B r2 = op(B::load_unaligned(in + i + 2 * N)...);
            const B r3 = op(B::load_unaligned(in + i + 3 * N)...);
            r0.store_unaligned(out + i);
            r1.store_unaligned(out + i + N);
            r2.store_unaligned(out + i + 2 * N);
            r3.store_unaligned(out + i + 3 * N);
        }
        for (; i + N <= n; i += N) op(B::load_unaligned(in + i)...).store_unaligned(out + i);
        if (i < n) transform_partial<Arch>(op, n - i, out + i, std::index_sequence_for<In...>{}, (in + i)...);
        return;
    }
#endif
    (void)stream;
    for (std::size_t i = 0; i < n; ++i) out[i] = op(in[i]...);
}

/// out[i] = op(in[i]...) for i < n, streaming the output when it is large.
template <class Arch, class Op, class T, class... In>
inline void transform(Op op, std::size_t n, T* out, const In*... in) noexcept {
    transform_streaming<Arch>(streams(sizeof...(In) + 1, n * sizeof(T)), op, n, out, in...);
}

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
        detail::transform<Arch>([k](auto v) RECTIFY_INLINE_LAMBDA { return k(v); }, n, y, x);
    });
}

/// d[i] = f'(x[i]); at 0 the left side, at NaN NaN.
template <class Arch = default_arch, class F, class T>
void derivative(const F& f, const T* x, T* d, std::size_t n) {
    detail::check_unary("derivative", x, d, n, "x", "d");
    detail::check_parameters<T>(f, false);
    detail::with_kernel(f, [&](const auto& k) {
        const auto op = [k](auto v) RECTIFY_INLINE_LAMBDA { return k.derivative(v); };
        detail::transform<Arch>(op, n, d, x);
    });
}

/// dx[i] = dy[i] · f'(x[i]).
template <class Arch = default_arch, class F, class T>
void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
    detail::check_binary("backward", x, dy, dx, n, "x");
    detail::check_parameters<T>(f, false);
    detail::with_kernel(f, [&](const auto& k) {
        const auto op = [k](auto v, auto g) RECTIFY_INLINE_LAMBDA { return g * k.derivative(v); };
        detail::transform<Arch>(op, n, dx, x, dy);
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
        detail::transform<Arch>(op, n, dx, y, dy);
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
