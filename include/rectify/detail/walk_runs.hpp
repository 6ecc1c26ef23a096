// rectify/detail/walk_runs.hpp — the walk with one parameter per run: element (o, c, i) of an
// (outer, channels, inner) tensor, at (o·channels + c)·inner + i, takes params[c] (NCHW: a run of
// H·W per channel and image).
//
//   walk_runs(outer, channels, inner, params, op, term, sums, out, in...)
//       out = op(in..., a_c);  with a term, sums[c] = Σ term(in..., a_c) over channel c
//
// Long runs are contiguous walks, one per run. Short ones are walked in one pass over the tensor,
// not a call per run: in whole batches where the runs are, across run boundaries where they are
// not, and as a repeating pattern of parameters (walk_periodic) where they are shorter than a batch.
#pragma once

#include "walk.hpp"
#include "walk_rows.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

/// Runs shorter than this many batches take the one-pass walks: a contiguous walk per run pays a
/// fixed cost each time (its setup, a partial last batch, with a term a horizontal sum), which
/// runs of two unrolled groups and more repay.
constexpr std::size_t short_run_batches = 8;

#if RECTIFY_HAS_SIMD
// Runs of `batches` whole batches (an integral_constant where it is 1, so that a run is straight-
// line code), below short_run_batches, in one pass. Without a term, in memory order, one broadcast
// parameter per run, and runs of one batch N channels at a time in straight-line code. With a
// term, blocks of N channels, each down every o: the channel of each batch is known at compile
// time, so that the block's N sums stay in registers, and are folded into N results by one
// xsimd::haddp (inline: RECTIFY_FLATTEN); the last channels, fewer than N, go one at a time.
template <class Arch, class Batches, class Op, class Term, class T, class... In>
RECTIFY_NOINLINE RECTIFY_FLATTEN void walk_runs_of_batches(Batches batches, std::size_t outer,
                                                            std::size_t channels, const T* params, Op op,
                                                            Term term, T* sums, T* out, const In*... in) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    constexpr bool one_batch = std::is_same<Batches, std::integral_constant<std::size_t, 1>>::value;
    const std::size_t inner = batches * N;
    const auto run = [&](std::size_t first, const B& a, auto& acc) {
        for (std::size_t k = 0; k < batches; ++k) {
            const std::size_t i = first + k * N;
            const B v[] = {B::load_unaligned(in + i)...};
            apply(with_parameter(op, a), with_parameter(term, a), acc, v).store_unaligned(out + i);
        }
    };
    if constexpr (!has_sum<Term>) {
        no_sum none;
        for (std::size_t o = 0, i = 0; o < outer; ++o) {
            std::size_t c = 0;
            if constexpr (one_batch)
                for (; c + N <= channels; c += N, i += N * N)
                    for_each_index(std::make_index_sequence<N>{}, [&](auto w) RECTIFY_INLINE_LAMBDA {
                        run(i + w * N, B(params[c + w]), none);
                    });
            for (; c < channels; ++c, i += inner) run(i, B(params[c]), none);
        }
        return;
    }
    const auto& row_for_lane = haddp_row_for_lane<Arch, T>();
    std::size_t c0 = 0;
    for (; c0 + N <= channels; c0 += N) {
        B acc[N];
        for (std::size_t w = 0; w < N; ++w) acc[w] = B(T(0));
        for (std::size_t o = 0; o < outer; ++o) {
            const std::size_t block = (o * channels + c0) * inner;
            for_each_index(std::make_index_sequence<N>{}, [&](auto w) RECTIFY_INLINE_LAMBDA {
                run(block + w * inner, B(params[c0 + w]), acc[w]);
            });
        }
        alignas(64) T lanes[N];  // lane l: the sum of row row_for_lane[l], channel c0 + that row
        xsimd::haddp(acc).store_aligned(lanes);
        for (std::size_t l = 0; l < N; ++l) sums[c0 + row_for_lane[l]] = lanes[l];
    }
    if (c0 == channels) return;
    const std::size_t width = channels - c0;
    B group[N];  // channel c0 + l's sum in row row_for_lane[l], so that it lands in lane l
    for (std::size_t l = width; l < N; ++l) group[row_for_lane[l]] = B(T(0));
    for (std::size_t l = 0; l < width; ++l) {
        const B a(params[c0 + l]);
        B acc(T(0));
        for (std::size_t o = 0; o < outer; ++o) run((o * channels + c0 + l) * inner, a, acc);
        group[row_for_lane[l]] = acc;
    }
    alignas(64) T lanes[N];  // through a buffer: the last group may hold fewer than N
    xsimd::haddp(group).store_aligned(lanes);
    std::copy(lanes, lanes + width, sums + c0);
}

// Runs of N < inner < short_run_batches·N elements, not whole batches, in one pass: a batch lies
// in one run (its parameter broadcast) or straddles two (the two parameters split at the boundary:
// inner > N allows no more). With a term, the current run's sum goes lane by lane; a straddling
// batch splits its terms at the boundary, and the run's sum is added to sums[c] as the run ends.
template <class Arch, class Op, class Term, class T, class... In>
RECTIFY_NOINLINE void walk_runs_across_batches(std::size_t n, std::size_t channels, std::size_t inner,
                                               const T* params, Op op, Term term, T* sums, T* out,
                                               const In*... in) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    const B lane = lane_indices<B>(), zero(T(0));
    std::size_t c = 0, left = inner;  // the channel of the next element, and what is left of its run
    B acc = zero;
    if constexpr (has_sum<Term>) std::fill(sums, sums + channels, T(0));
    // op (and the term) of the next batch of inputs v, whose elements run to its end, or to the end
    // of the tensor where that comes first (which then also ends the run: left ≤ the elements in v).
    const auto next = [&](const B(&v)[sizeof...(In)]) {
        if (left > N) {
            left -= N;
            const B a(params[c]);
            return apply(with_parameter(op, a), with_parameter(term, a), acc, v);
        }
        const std::size_t d = c + 1 == channels ? 0 : c + 1;  // the run ends at lane `left`
        const auto in_run = lane < B(T(left));
        const B a = left == N ? B(params[c]) : detail::select(in_run, B(params[c]), B(params[d]));
        B terms = zero;
        const B result = apply(with_parameter(op, a), with_parameter(term, a), terms, v);
        if constexpr (has_sum<Term>) {
            sums[c] += detail::reduce_add(acc + detail::select(in_run, terms, zero));
            acc = detail::select(in_run, zero, terms);
        }
        left = inner - (N - left);
        c = d;
        return result;
    };
    std::size_t i = 0;
    for (; i + N <= n; i += N) {
        const B v[] = {B::load_unaligned(in + i)...};
        next(v).store_unaligned(out + i);
    }
    if (i == n) return;
    auto partial = [&](const auto&... v) {
        const B loaded[] = {v...};
        return next(loaded);
    };
    through_buffer<B>(n - i, out + i, partial, std::index_sequence_for<In...>{}, (in + i)...);
}
#endif

// Runs of any length, each a contiguous walk: streamed when the whole output is large though
// written a run at a time (walk_contiguous skips runs too short to repay the fence).
template <class Arch, class Op, class Term, class T, class... In>
RECTIFY_NOINLINE void walk_each_run(std::size_t outer, std::size_t channels, std::size_t inner,
                                    const T* params, Op op, Term term, T* sums, T* out, const In*... in) {
    const bool stream = streams(sizeof...(In) + 1, outer * channels * inner * sizeof(T));
    if constexpr (has_sum<Term>) std::fill(sums, sums + channels, T(0));
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t c = 0; c < channels; ++c) {
            const std::size_t at = (o * channels + c) * inner;
            const T a = params[c];
            const T sum = walk_contiguous<Arch>(stream, with_parameter(op, a), with_parameter(term, a),
                                                inner, out + at, (in + at)...);
            if constexpr (has_sum<Term>) sums[c] += sum;
        }
}

template <class Arch, class Op, class Term, class T, class... In>
inline void walk_runs(std::size_t outer, std::size_t channels, std::size_t inner, const T* params,
                      Op op, Term term, T* sums, T* out, const In*... in) {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        constexpr std::size_t N = xsimd::batch<T, Arch>::size;
        if (inner < N) {  // runs shorter than a batch: a pattern that repeats every channels·inner
            walk_periodic<Arch>(outer, channels, inner, params, op, term, sums, out, in...);
            return;
        }
        if (inner % N == 0 && inner < short_run_batches * N) {
            if (inner == N)
                walk_runs_of_batches<Arch>(std::integral_constant<std::size_t, 1>{}, outer, channels,
                                           params, op, term, sums, out, in...);
            else
                walk_runs_of_batches<Arch>(inner / N, outer, channels, params, op, term, sums, out, in...);
            return;
        }
        if (inner < short_run_batches * N) {
            walk_runs_across_batches<Arch>(outer * channels * inner, channels, inner, params, op, term,
                                           sums, out, in...);
            return;
        }
    }
#endif
    walk_each_run<Arch>(outer, channels, inner, params, op, term, sums, out, in...);
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
