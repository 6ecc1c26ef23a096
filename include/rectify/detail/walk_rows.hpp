// rectify/detail/walk_rows.hpp — the walks with one parameter per position in a row: element i of
// rows of `channels` takes params[i mod channels] (NHWC: a row of C channels per pixel).
//
//   walk_rows(rows, channels, params, op, term, sums, out, in...)
//       out = op(in..., a_c);  with a term, sums[c] = Σ term(in..., a_c) over channel c
//
// Rows of whole batches keep a block of parameters (and sums) in registers down the rows; other
// rows go batch by batch along a buffer that repeats the parameters (walk_periodic, which also
// takes NCHW runs shorter than a batch: rows of channels·inner elements).
#pragma once

#include <vector>

#include "walk.hpp"

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see isa.hpp

/// The periodic walk's buffer: k whole rows of channels·inner elements, position p holding
/// params[(p mod (channels·inner)) / inner], with k·channels·inner ≥ periodic_min_elements, and
/// extended by one batch: a batch that starts anywhere in the period reads its parameters with one
/// load, and the check that steps back by the period comes once per hundreds of elements. On the
/// stack up to `local_size` elements (a row of up to ~300).
template <class T, std::size_t N>
class periodic_buffer {
public:
    static constexpr std::size_t periodic_min_elements = 256;

    /// params == nullptr: zeros (the sums).
    periodic_buffer(const T* params, std::size_t channels, std::size_t inner, std::size_t rows) {
        const std::size_t row = channels * inner;
        period_ = std::min(rows, (periodic_min_elements + row - 1) / row) * row;
        const std::size_t size = period_ + N;
        data_ = size <= local_size ? local_ : (heap_.resize(size), heap_.data());
        if (params == nullptr) {
            std::fill(data_, data_ + size, T(0));
            return;
        }
        for (std::size_t p = 0, c = 0; c < channels; ++c)
            for (std::size_t k = 0; k < inner; ++k) data_[p++] = params[c];
        for (std::size_t filled = row; filled < size; filled *= 2)  // whole rows, doubling
            std::copy(data_, data_ + std::min(filled, size - filled), data_ + filled);
    }
    T* data() noexcept { return data_; }
    std::size_t period() const noexcept { return period_; }

private:
    static constexpr std::size_t local_size = 576;
    alignas(64) T local_[local_size];
    std::vector<T> heap_;
    T* data_;
    std::size_t period_;
};

#if RECTIFY_HAS_SIMD

// Rows of whole batches (channels a multiple of N): lane l of batch k is channel k·N + l in every
// row, so a block of W batches of channels (four, then single ones) holds its parameters, and with
// a term its sums, in registers down the rows; the sums are stored as they are (one channel per
// lane, nothing to fold). With more than one block, the blocks go down the rows a tile at a time
// (row_tile_bytes of each array), so that each array is read from memory once, not once per block.
// Streamed when the output is aligned: every row then is.
template <class Arch, class Op, class Term, class T, class... In>
RECTIFY_NOINLINE void walk_rows_of_batches(std::size_t rows, std::size_t channels, const T* params,
                                           Op op, Term term, T* sums, T* out, const In*... in) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size, row_tile_bytes = 16 << 10;
    const std::size_t n = rows * channels, row_bytes = channels * sizeof(T);
    const std::size_t tile =
        channels <= 4 * N ? n : std::max<std::size_t>(1, row_tile_bytes / row_bytes) * channels;
    std::size_t start = 0, k = 0;  // the first element of the tile, the first channel of the block
    const auto block = [&](auto width, auto store) RECTIFY_INLINE_LAMBDA {
        constexpr std::size_t W = decltype(width)::value;
        B a[W], acc[W];
        for (std::size_t w = 0; w < W; ++w) a[w] = B::load_unaligned(params + k + w * N);
        for (std::size_t w = 0; w < W; ++w) acc[w] = B(T(0));
        if constexpr (has_sum<Term>)
            if (start > 0)  // the sums of the tiles before
                for (std::size_t w = 0; w < W; ++w) acc[w] = B::load_unaligned(sums + k + w * N);
        // The W batches of a row as an index sequence, not a loop, so that a[w] and acc[w] are
        // registers whatever the optimizer's unrolling limits.
        for (std::size_t r = start + k, end = std::min(n, start + tile); r < end; r += channels)
            for_each_index(std::make_index_sequence<W>{}, [&](auto w) RECTIFY_INLINE_LAMBDA {
                const std::size_t i = r + w * N;
                store(out + i, apply_to(with_parameter(op, a[w]), with_parameter(term, a[w]), acc[w],
                                        B::load_unaligned(in + i)...));
            });
        if constexpr (has_sum<Term>)
            for (std::size_t w = 0; w < W; ++w) acc[w].store_unaligned(sums + k + w * N);
        k += W * N;
    };
    const bool stream = streams(sizeof...(In) + 1, n * sizeof(T));
    with_stores<B>(stream, n, out, no_peel{}, [&](auto store) RECTIFY_INLINE_LAMBDA {
        for (; start < n; start += tile, k = 0) {
            while (k + 4 * N <= channels) block(std::integral_constant<std::size_t, 4>{}, store);
            while (k < channels) block(std::integral_constant<std::size_t, 1>{}, store);
        }
    });
}

// Any rows of channels·inner elements, element i taking params[(i mod (channels·inner)) / inner]:
// batch by batch along a periodic_buffer of the parameters, at position j that advances with i
// and steps back by the period once it passes it; a batch may straddle rows, or span several, and
// the inner loop is a plain linear one. With a term, the sums run lane by lane in a second buffer
// laid out like the first, whose positions of each channel are added up at the end.
template <class Arch, class Op, class Term, class T, class... In>
RECTIFY_NOINLINE void walk_periodic(std::size_t rows, std::size_t channels, std::size_t inner,
                                    const T* params, Op op, Term term, T* sums, T* out, const In*... in) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    const std::size_t n = rows * channels * inner;
    periodic_buffer<T, N> pattern(params, channels, inner, rows);
    periodic_buffer<T, N> partial_sums(nullptr, channels, inner, has_sum<Term> ? rows : 0);
    const T* a = pattern.data();
    T* acc = partial_sums.data();
    const std::size_t period = pattern.period();
    const auto batch = [&](std::size_t i, std::size_t j, auto store) RECTIFY_INLINE_LAMBDA {
        const B a_j = B::load_unaligned(a + j);
        B sum(T(0));
        if constexpr (has_sum<Term>) sum = B::load_unaligned(acc + j);
        const B v[] = {B::load_unaligned(in + i)...};
        store(out + i, apply(with_parameter(op, a_j), with_parameter(term, a_j), sum, v));
        if constexpr (has_sum<Term>) sum.store_unaligned(acc + j);
    };
    const auto partial = [&](std::size_t i, std::size_t count, std::size_t j) {
        const B a_j = B::load_unaligned(a + j);
        B sum(T(0));
        if constexpr (has_sum<Term>) sum = B::load_unaligned(acc + j);
        partial_batch<B>(count, with_parameter(op, a_j), with_parameter(term, a_j), sum, out + i,
                         (in + i)...);
        if constexpr (has_sum<Term>) sum.store_unaligned(acc + j);
    };
    std::size_t i = 0, j = 0;
    const auto peel = [&](std::size_t count) {  // count < N ≤ period
        partial(0, count, 0);
        i = j = count;
    };
    const bool stream = streams(sizeof...(In) + 1, n * sizeof(T));
    with_stores<B>(stream, n, out, peel, [&](auto store) RECTIFY_INLINE_LAMBDA {
        while (i + N <= n) {
            // Four batches at a time while all four start inside the period (batch j reads up to
            // j + N ≤ period + N), unrolled as walk_contiguous is.
            for (; j + 3 * N < period && i + 4 * N <= n; i += 4 * N, j += 4 * N) {
                batch(i, j, store);
                batch(i + N, j + N, store);
                batch(i + 2 * N, j + 2 * N, store);
                batch(i + 3 * N, j + 3 * N, store);
            }
            for (; j < period && i + N <= n; i += N, j += N) batch(i, j, store);
            if (j >= period) j -= period;
        }
    });
    if (i < n) partial(i, n - i, j);
    if constexpr (has_sum<Term>) {
        // Fold: channel c's positions in each row of the period, then in the batch past it.
        const std::size_t row = channels * inner;
        for (std::size_t c = 0; c < channels; ++c) {
            T total = 0;
            for (std::size_t p = c * inner; p < period; p += row)
                for (std::size_t k = 0; k < inner; ++k) total += acc[p + k];
            sums[c] = total;
        }
        for (std::size_t q = 0, c = 0, k = 0; q < N; ++q) {
            sums[c] += acc[period + q];
            if (++k == inner) k = 0, c = c + 1 == channels ? 0 : c + 1;
        }
    }
}
#endif

template <class Arch, class Op, class Term, class T, class... In>
inline void walk_rows(std::size_t rows, std::size_t channels, const T* params, Op op, Term term,
                      T* sums, T* out, const In*... in) {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        if (channels % xsimd::batch<T, Arch>::size == 0)
            walk_rows_of_batches<Arch>(rows, channels, params, op, term, sums, out, in...);
        else
            walk_periodic<Arch>(rows, channels, 1, params, op, term, sums, out, in...);
        return;
    }
#endif
    // Rows of channels, not one index wrapping at `channels`: the compiler vectorizes this form
    // (the wrapping one takes a branch per element).
    if constexpr (has_sum<Term>) std::fill(sums, sums + channels, T(0));
    const std::size_t n = rows * channels;
    for (std::size_t r = 0; r < n; r += channels)
        for (std::size_t c = 0; c < channels; ++c) {
            const std::size_t i = r + c;
            if constexpr (has_sum<Term>) sums[c] += term(in[i]..., params[c]);
            out[i] = op(in[i]..., params[c]);
        }
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
