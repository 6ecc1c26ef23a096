// rectify/detail/walk.hpp — the walks over memory every array function is built from, and what
// they share: the partial last batch, the choice between regular and non-temporal stores, sums.
//
//   walk_contiguous(stream, op, term, n, out, in...)  out[i] = op(in[i]...), returns Σ term(in[i]...)
//   transform(op, n, out, in...)                       the same without a sum, streaming decided here
//   (four batches per step, or the fewer a long kernel declares: batches_per_step)
//   walk_runs.hpp   one parameter per run of `inner` elements (a channel of NCHW)
//   walk_rows.hpp   one parameter per position in a row of `channels` (a channel of NHWC)
//
// A walk takes per-element operations, templates over T and xsimd::batch<T, Arch> alike; it knows
// nothing of what they compute. A term (what a walk adds up besides its output) is `no_sum` where
// there is none; it then costs nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "../arch.hpp"
#include "arch/primitives.hpp"
#include "inline.hpp"
#include "ops.hpp"

/// A call whose arrays (inputs and output) add up to at least this many bytes writes its output
/// with non-temporal stores (x86), like glibc's memcpy above about 3/4 of the shared cache: arrays
/// that do not fit in the last-level cache together push the output out before anyone reads it,
/// and a regular store would first read every line it writes. Below it, regular stores keep the
/// output in cache for whoever reads it next. Counted over all the arrays, not the output alone:
/// the inputs compete for the same cache.
#ifndef RECTIFY_STREAM_THRESHOLD_BYTES
#define RECTIFY_STREAM_THRESHOLD_BYTES (24u << 20)
#endif

/// A run shorter than this is written with regular stores even inside a streamed array: the fence
/// that ends streaming waits for the stores to drain, a cost per run that a short run does not
/// repay.
#ifndef RECTIFY_STREAM_MIN_RUN_BYTES
#define RECTIFY_STREAM_MIN_RUN_BYTES (16u << 10)
#endif

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

/// A walk that adds nothing up (its term).
struct no_sum {};
template <class Term>
constexpr bool has_sum = !std::is_same<Term, no_sum>::value;

/// Whether a call that reads and writes `arrays` arrays of `bytes` each streams its output.
inline bool streams(std::size_t arrays, std::size_t bytes) noexcept {
    return bytes >= RECTIFY_STREAM_THRESHOLD_BYTES / arrays;
}

// f(v..., a) for in(puts) v: a, a run's or a lane's parameter (T or a batch), takes v's type;
// no_sum stays no_sum.
template <class F, class P>
RECTIFY_INLINE auto with_parameter(const F& f, const P& a) {
    if constexpr (std::is_same<F, no_sum>::value)
        return no_sum{};
    else
        return [f, a](auto v, auto... more) RECTIFY_INLINE_LAMBDA {
            return f(v, more..., std::decay_t<decltype(v)>(a));
        };
}

// f(integral_constant<0>), …, f(integral_constant<K − 1>), unrolled whatever the optimizer's
// limits: what f keeps per index (an array element) can then live in a register.
template <std::size_t... K, class F>
RECTIFY_INLINE void for_each_index(std::index_sequence<K...>, F&& f) {
    (f(std::integral_constant<std::size_t, K>{}), ...);
}

#if RECTIFY_HAS_SIMD
// Lane l holds T(l).
template <class B>
RECTIFY_INLINE B lane_indices() noexcept {
    using T = typename B::value_type;
    alignas(64) T lanes[B::size];
    for (std::size_t l = 0; l < B::size; ++l) lanes[l] = T(l);
    return B::load_aligned(lanes);
}

template <class B, class Op, class Term, class Acc, std::size_t... I>
RECTIFY_INLINE B apply(const Op& op, const Term& term, Acc& acc, const B* v, std::index_sequence<I...>) {
    if constexpr (has_sum<Term>) acc += term(v[I]...);
    return op(v[I]...);
}
// op(v[0], …), and with a term acc += term(v[0], …) of the same batches. Callers load v in their
// own body, `const B v[] = {B::load_unaligned(in + i)...}`: loaded in a forced-inline helper, an
// input may be read from memory again at each use (GCC), a load more per batch in loops that
// loads bound.
template <class Op, class Term, class Acc, class B, std::size_t K>
RECTIFY_INLINE B apply(const Op& op, const Term& term, Acc& acc, const B (&v)[K]) {
    return apply(op, term, acc, v, std::make_index_sequence<K>{});
}

// The same with the batches as arguments, `apply_to(op, term, acc, B::load_unaligned(in + i)...)`:
// the form for the rows walk, where GCC folded the array form's elements into each use as a memory
// operand (x read three times per batch).
template <class Op, class Term, class Acc, class... B>
RECTIFY_INLINE auto apply_to(const Op& op, const Term& term, Acc& acc, const B... v) {
    if constexpr (has_sum<Term>) acc += term(v...);
    return op(v...);
}

template <class B, class T, class Compute, std::size_t... I, class... In>
inline void through_buffer(std::size_t count, T* out, Compute& compute, std::index_sequence<I...>,
                           const In*... in) {
    alignas(64) T buffers[sizeof...(In) + 1][B::size] = {};
    (std::copy(in, in + count, buffers[I]), ...);
    compute(B::load_aligned(buffers[I])...).store_aligned(buffers[sizeof...(In)]);
    std::copy(buffers[sizeof...(In)], buffers[sizeof...(In)] + count, out);
}
// out[j] = op(in[j]...) for j < count < one batch, and with a term acc += term(in[j]...) over
// those lanes only: through zero-padded buffers, so that the partial batch runs the same SIMD
// code as whole ones (bit-identical results at every position).
template <class B, class Op, class Term, class Acc, class T, class... In>
inline void partial_batch(std::size_t count, const Op& op, const Term& term, Acc& acc, T* out,
                          const In*... in) {
    auto compute = [&](const auto&... v) {
        if constexpr (has_sum<Term>)
            acc += detail::select(lane_indices<B>() < B(T(count)), term(v...), B(T(0)));
        return op(v...);
    };
    through_buffer<B>(count, out, compute, std::index_sequence_for<In...>{}, in...);
}

// Elements to write before `out` reaches a batch boundary, where streaming can start: 0 if it is
// on one already, or if no whole number of elements gets it there; at most n.
template <class B, class T>
inline std::size_t stream_head(const T* out, std::size_t n) noexcept {
    const auto misaligned = reinterpret_cast<std::uintptr_t>(out) % sizeof(B);
    if (misaligned == 0 || misaligned % sizeof(T) != 0) return 0;
    return std::min(n, (sizeof(B) - misaligned) / sizeof(T));
}

/// A walk that cannot start mid-batch (rows of whole batches): it streams only an output that is
/// aligned already.
struct no_peel {};

// The stores of a walk writing out[0, n), whose position body(store) and peel(count) advance:
// where `stream` (decided from the whole call) and the run is long enough to repay the fence,
// peel(count) writes up to the output's alignment with regular stores, body(store) goes as far as
// it can with store(p, v) a non-temporal store (every p it stores to aligned), then a fence; then
// body(store) again with regular stores, from where it stopped. The caller writes what is left.
template <class B, class T, class Peel, class Body>
RECTIFY_INLINE void with_stores(bool stream, std::size_t n, const T* out, Peel peel, Body body) {
    if (stream && n * sizeof(T) >= RECTIFY_STREAM_MIN_RUN_BYTES) {
        std::size_t head = 0;
        if constexpr (!std::is_same<Peel, no_peel>::value) {
            head = stream_head<B>(out, n);
            if (head > 0) peel(head);
        }
        if (reinterpret_cast<std::uintptr_t>(out + head) % sizeof(B) == 0) {
            body([](T* p, const B& v) RECTIFY_INLINE_LAMBDA { store_stream(p, v); });
            stream_fence();
        }
    }
    body([](T* p, const B& v) RECTIFY_INLINE_LAMBDA { v.store_unaligned(p); });
}
#endif

/// Batches per step of the contiguous walk for kernel K: K::batches_per_step where the kernel
/// declares it, else 4 (walk_contiguous).
template <class K, class = void>
struct batches_per_step : std::integral_constant<std::size_t, 4> {};
template <class K>
struct batches_per_step<K, std::void_t<decltype(K::batches_per_step)>>
    : std::integral_constant<std::size_t, K::batches_per_step> {};

#if RECTIFY_HAS_SIMD
// partial_batch out of line: the walk of a long kernel calls it for the peel and for each batch
// left over, and keeps one copy of the kernel for all of them.
template <class B, class Op, class Term, class Acc, class T, class... In>
RECTIFY_NOINLINE void partial_batch_out_of_line(std::size_t count, const Op& op, const Term& term,
                                                Acc& acc, T* out, const In*... in) {
    partial_batch<B>(count, op, term, acc, out, in...);
}

// walk_contiguous for a long kernel (an exponential, a quotient and their corrections), Step
// batches per step with one copy of the loop: the store, regular or non-temporal, is chosen per
// batch by a branch that never changes within a call, instead of a second copy of the loop, and
// the batches left over (whole and partial) are computed out of line. Four batches per step and a
// second loop for streaming would multiply the kernel's code by ten.
template <std::size_t Step, class B, class Op, class Term, class T, class... In>
inline T walk_long_kernel(bool stream, const Op& op, const Term& term, std::size_t n, T* out,
                          const In*... in) noexcept {
    constexpr std::size_t N = B::size;
    B acc[Step];
    for (std::size_t u = 0; u < Step; ++u) acc[u] = B(T(0));
    std::size_t i = 0;
    bool stream_body = false;
    if (stream && n * sizeof(T) >= RECTIFY_STREAM_MIN_RUN_BYTES) {
        i = stream_head<B>(out, n);
        if (i > 0) partial_batch_out_of_line<B>(i, op, term, acc[0], out, in...);
        stream_body = reinterpret_cast<std::uintptr_t>(out + i) % sizeof(B) == 0;
    }
    for (; i + Step * N <= n; i += Step * N) {
        B r[Step];  // all computed before any is stored: the output may be an input
        for_each_index(std::make_index_sequence<Step>{}, [&](auto u) RECTIFY_INLINE_LAMBDA {
            const B v[] = {B::load_unaligned(in + i + u * N)...};
            r[u] = apply(op, term, acc[u], v);
        });
        for_each_index(std::make_index_sequence<Step>{}, [&](auto u) RECTIFY_INLINE_LAMBDA {
            if (stream_body)
                store_stream(out + i + u * N, r[u]);
            else
                r[u].store_unaligned(out + i + u * N);
        });
    }
    if (stream_body) stream_fence();
    for (; i < n; i += N) {
        const std::size_t count = std::min(N, n - i);
        partial_batch_out_of_line<B>(count, op, term, acc[0], out + i, (in + i)...);
    }
    if constexpr (has_sum<Term>) {
        for (std::size_t u = 1; u < Step; ++u) acc[0] += acc[u];
        return detail::reduce_add(acc[0]);
    } else {
        return T(0);
    }
}
#endif

/// out[i] = op(in[i]...) for i < n; returns Σ term(in[i]...) (0 for no_sum). op and term take T or
/// batch<T, Arch> alike. `stream`: non-temporal stores, decided by the caller from the whole
/// output when it writes one array in several runs, so that each run does not look small.
/// Step: batches per step, 4, 2 or 1 (batches_per_step).
template <class Arch, std::size_t Step = 4, class Op, class Term, class T, class... In>
inline T walk_contiguous(bool stream, Op op, Term term, std::size_t n, T* out,
                         const In*... in) noexcept {
    static_assert((std::is_same<In, T>::value && ...), "inputs and output share one element type");
    static_assert(Step == 4 || Step == 2 || Step == 1, "a walk takes 4 batches per step, or 2 or 1 (a long kernel)");
    T total = 0;
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value && Step < 4) {
        return walk_long_kernel<Step, xsimd::batch<T, Arch>>(stream, op, term, n, out, in...);
    } else if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size, unroll = 4;
        B acc[unroll];  // one sum per batch of a group: the additions of one overlap the others'
        for (std::size_t u = 0; u < unroll; ++u) acc[u] = B(T(0));
        std::size_t i = 0;
        const auto peel = [&](std::size_t count) {
            partial_batch<B>(count, op, term, acc[0], out, in...);
            i = count;
        };
        with_stores<B>(stream, n, out, peel, [&](auto store) RECTIFY_INLINE_LAMBDA {
            // Four independent batches, all loaded and computed before any is stored (the output
            // may be an input): loads, math and stores of one overlap the others'.
            for (; i + unroll * N <= n; i += unroll * N) {
                B r[unroll];
                for_each_index(std::make_index_sequence<unroll>{}, [&](auto u) RECTIFY_INLINE_LAMBDA {
                    const B v[] = {B::load_unaligned(in + i + u * N)...};
                    r[u] = apply(op, term, acc[u], v);
                });
                for_each_index(std::make_index_sequence<unroll>{}, [&](auto u) RECTIFY_INLINE_LAMBDA {
                    store(out + i + u * N, r[u]);
                });
            }
        });
        for (; i + N <= n; i += N) {
            const B v[] = {B::load_unaligned(in + i)...};
            apply(op, term, acc[0], v).store_unaligned(out + i);
        }
        if (i < n) partial_batch<B>(n - i, op, term, acc[1], out + i, (in + i)...);
        if constexpr (has_sum<Term>) total = detail::reduce_add((acc[0] + acc[1]) + (acc[2] + acc[3]));
        return total;
    }
#endif
    (void)stream;
    for (std::size_t i = 0; i < n; ++i) {
        if constexpr (has_sum<Term>) total += term(in[i]...);
        out[i] = op(in[i]...);
    }
    return total;
}

/// out[i] = op(in[i]...) for i < n, streaming the output when it is large; Step batches per step.
template <class Arch, std::size_t Step = 4, class Op, class T, class... In>
inline void transform(Op op, std::size_t n, T* out, const In*... in) noexcept {
    walk_contiguous<Arch, Step>(streams(sizeof...(In) + 1, n * sizeof(T)), op, no_sum{}, n, out, in...);
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
