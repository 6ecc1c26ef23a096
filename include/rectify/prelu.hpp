// rectify/prelu.hpp — PReLU: y = x > 0 ? x : a_c·x, one learned slope a_c per channel.
//
// The channel axis is described as (outer, channels, inner): element (o, c, i) is at
// (o·channels + c)·inner + i.   NCHW → {N, C, H·W}   NHWC → {N·H·W, C, 1}   one slope → {n, 1, 1}
//   prelu_forward(x, slopes, y, shape)                     y  = prelu(x)
//   prelu_backward(x, slopes, dy, dx, dslopes, shape)      dx = dy · (x > 0 ? 1 : a_c)
//                                                          dslopes[c] = Σ (x > 0 ? 0 : x·dy)
// dslopes is overwritten, not accumulated into. Per element the formula is Leaky ReLU's, so
// results are bit-identical to it and to the scalar loop; the sums in dslopes are formed in the
// element type, lane by lane, so their rounding differs from a sequential sum (the tests bound it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "array.hpp"
#include "detail/arch/primitives.hpp"
#include "leaky_relu.hpp"

namespace rectify {

struct channel_shape {
    std::size_t outer = 1, channels = 1, inner = 1;
    /// outer·channels·inner. (A template only so that its symbol is per instruction set, as
    /// every function of rectify's is: see detail/isa.hpp.)
    template <class = detail::isa_tag>
    constexpr std::size_t size() const noexcept {
        return outer * channels * inner;
    }
};

namespace detail {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp

inline std::string describe(const channel_shape& s) {
    // Appended to one string: "{" + std::to_string(...) trips GCC 12's -Wrestrict false positive.
    std::string text = "{";
    text += std::to_string(s.outer) + ", " + std::to_string(s.channels) + ", ";
    text += std::to_string(s.inner) + "}";
    return text;
}

[[noreturn]] RECTIFY_COLD inline void fail_shape_overflow(const char* function, const channel_shape& s) {
    fail(std::string("rectify::") + function + ": shape " + describe(s) +
         " has more elements than size_t holds");
}

template <class T>
inline void check_prelu(const char* function, const T* x, const T* slopes, const T* out,
                        const char* out_name, const channel_shape& s) {
    const std::size_t n = s.size();
#if defined(__GNUC__)
    std::size_t rows;  // the overflow flag of the multiplies, not two divisions (≈ 10 ns at 1 Ki)
    if (__builtin_mul_overflow(s.outer, s.channels, &rows) || __builtin_mul_overflow(rows, s.inner, &rows))
        fail_shape_overflow(function, s);
#else
    if (s.channels != 0 && s.inner != 0 && n / s.channels / s.inner != s.outer)
        fail_shape_overflow(function, s);
#endif
    check_unary(function, x, out, n, "x", out_name);
    const std::size_t slope_count = n > 0 ? s.channels : 0;  // n = 0 reads no slope
    check_pointer(function, "slopes", slopes, slope_count);
    // Every slope is read again after outputs have been written: the output may share no byte
    // with them, not even as the same pointer.
    check_overlap(function, "slopes", slopes, slope_count * sizeof(T), out_name, out, n * sizeof(T),
                  false);
}

// One channel ({n, 1, 1}, a shared slope) is one run of n elements, not n rows of one.
inline channel_shape one_run_per_slope(channel_shape s) noexcept {
    return s.channels == 1 ? channel_shape{1, 1, s.size()} : s;
}

// Σ over a run of (x > 0 ? 0 : x·dy), computed alongside dx = dy·(x > 0 ? 1 : a).
template <class T>
RECTIFY_INLINE T slope_gradient(T x, T g) noexcept {
    return detail::select(x > T(0), T(0), x * g);
}

// One run of PReLU backward: dx = dy·(x > 0 ? 1 : a), and sum += Σ (x > 0 ? 0 : x·dy). `stream`:
// non-temporal stores for dx (decided from the whole call, as for NCHW forward).
template <class Arch, class T>
inline void prelu_backward_run(const T* x, T a, const T* dy, T* dx, std::size_t n, T& sum,
                               bool stream) {
    T total = 0;
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size;
        const B va(a);
        B acc0(T(0)), acc1(T(0));
        // Fewer than N elements at i, through transform_partial's zero-padded buffers (x = 0
        // adds 0·0 to the sum).
        auto step = [&](const B& v, const B& g) {
            total += detail::reduce_add(slope_gradient(v, g));
            return g * leaky_derivative(v, va);
        };
        const auto partial = [&](std::size_t i, std::size_t count) {
            transform_partial<Arch>(step, count, dx + i, std::index_sequence<0, 1>{}, x + i, dy + i);
        };
        // Two batches at i (two sums: the additions of one overlap the other's).
        const auto pair = [&](std::size_t i, auto store) {
            const B x0 = B::load_unaligned(x + i), g0 = B::load_unaligned(dy + i);
            const B x1 = B::load_unaligned(x + i + N), g1 = B::load_unaligned(dy + i + N);
            acc0 += slope_gradient(x0, g0);
            acc1 += slope_gradient(x1, g1);
            store(dx + i, g0 * leaky_derivative(x0, va));
            store(dx + i + N, g1 * leaky_derivative(x1, va));
        };
        std::size_t i = 0;
        if (stream && n * sizeof(T) >= RECTIFY_STREAM_MIN_RUN_BYTES) {
            i = stream_head<B>(dx, n);
            if (i > 0) partial(0, i);
            if (reinterpret_cast<std::uintptr_t>(dx + i) % sizeof(B) == 0) {
                const auto streamed = [](T* p, const B& v) { store_stream(p, v); };
                for (; i + 2 * N <= n; i += 2 * N) pair(i, streamed);
                stream_fence();
            }
        }
        for (; i + 2 * N <= n; i += 2 * N) pair(i, [](T* p, const B& v) { v.store_unaligned(p); });
        if (i + N <= n) {  // one more whole batch: the tail below holds less than one
            const B x0 = B::load_unaligned(x + i), g0 = B::load_unaligned(dy + i);
            acc0 += slope_gradient(x0, g0);
            (g0 * leaky_derivative(x0, va)).store_unaligned(dx + i);
            i += N;
        }
        total += detail::reduce_add(acc0 + acc1);
        if (i < n) partial(i, n - i);
        sum += total;
        return;
    }
#endif
    (void)stream;
    for (std::size_t i = 0; i < n; ++i) {
        const T xi = x[i], gi = dy[i];
        total += slope_gradient(xi, gi);
        dx[i] = gi * leaky_derivative(xi, a);
    }
    sum += total;
}

// NHWC: element i has slope slopes[i mod C]. One pass walks the array batch by batch against
// `period` = k whole rows of slopes (k·C ≥ 256 elements) laid out element by element and extended
// by one batch (position p holds slopes[p mod C]), with a position j that advances with i and
// steps back by the period once it passes it: a batch may then straddle rows, or span several,
// and the inner loop is a plain linear one. Kept on the stack up to 576 elements.
template <class T, std::size_t N>
class periodic_buffer {
public:
    periodic_buffer(const T* slopes, std::size_t channels, std::size_t rows) {
        period_ = std::min(rows, (std::size_t(256) + channels - 1) / channels) * channels;
        const std::size_t size = period_ + N;
        data_ = size <= local_size ? local_ : (heap_.resize(size), heap_.data());
        if (slopes == nullptr) {  // sums: zeros
            std::fill(data_, data_ + size, T(0));
            return;
        }
        for (std::size_t p = 0; p < period_; p += channels) std::copy(slopes, slopes + channels, data_ + p);
        for (std::size_t p = period_; p < size; ++p) data_[p] = data_[p - channels];
    }
    T* data() noexcept { return data_; }
    std::size_t period() const noexcept { return period_; }
    std::size_t size() const noexcept { return period_ + N; }

private:
    static constexpr std::size_t local_size = 576;
    alignas(64) T local_[local_size];
    std::vector<T> heap_;
    T* data_;
    std::size_t period_;
};

#if RECTIFY_HAS_SIMD
// Calls batch(i, j, store) for each whole batch at i, j its position in the period, and
// partial(i, count, j) for what is left; store is a plain store or, for an output that streams
// (`arrays` arrays of n elements touched in all), a non-temporal one (peeled to the output's
// alignment first, as transform_streaming does).
template <class Arch, class T, class Batch, class Partial>
inline void walk_period(std::size_t n, std::size_t arrays, std::size_t period, T* out, Batch batch,
                        Partial partial) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    std::size_t i = 0, j = 0;
    const auto run = [&](auto store) {
        while (i + N <= n) {
            // Four batches at a time while all four start inside the period (batch j reads up
            // to j + N ≤ period + N), as transform_streaming unrolls: 1.14x at 16 Ki floats.
            for (; j + 3 * N < period && i + 4 * N <= n; i += 4 * N, j += 4 * N) {
                batch(i, j, store);
                batch(i + N, j + N, store);
                batch(i + 2 * N, j + 2 * N, store);
                batch(i + 3 * N, j + 3 * N, store);
            }
            for (; j < period && i + N <= n; i += N, j += N) batch(i, j, store);
            if (j >= period) j -= period;
        }
    };
    if (streams(arrays, n * sizeof(T)) && n * sizeof(T) >= RECTIFY_STREAM_MIN_RUN_BYTES) {
        i = j = stream_head<B>(out, n);  // < N ≤ period + N
        if (i > 0) partial(std::size_t(0), i, std::size_t(0));
        if (j >= period) j -= period;
        if (reinterpret_cast<std::uintptr_t>(out + i) % sizeof(B) == 0) {
            run([](T* p, const B& v) { store_stream(p, v); });
            stream_fence();
        }
    }
    run([](T* p, const B& v) { v.store_unaligned(p); });
    if (i < n) partial(i, n - i, j);
}
#endif

// f(integral_constant<0>), …, f(integral_constant<K − 1>), unrolled whatever the optimizer's
// limits: what f keeps per index (an array element) can then live in a register.
template <std::size_t... K, class F>
RECTIFY_INLINE void for_each_index(std::index_sequence<K...>, F&& f) {
    (f(std::integral_constant<std::size_t, K>{}), ...);
}

#if RECTIFY_HAS_SIMD
// NHWC with whole batches per row (C channels, a multiple of N): lane l of batch k is channel
// k + l in every row, so a block of W batches of channels (four, then single ones) holds its
// slopes in registers and walks down all the rows. block(width, k, rows) runs once per block,
// width an integral_constant W (so that what the block keeps can be an array); rows(each) calls
// each(w, i, a) for every batch i of the block, row by row, a its slopes' batch w.
template <class B, class T, class Block>
RECTIFY_INLINE void for_channel_blocks(std::size_t C, std::size_t n, const T* slopes, Block block) {
    constexpr std::size_t N = B::size;
    const auto one_block = [&](auto width, std::size_t k) {
        constexpr std::size_t W = decltype(width)::value;
        block(width, k, [&](auto each) {
            B a[W];
            for (std::size_t w = 0; w < W; ++w) a[w] = B::load_unaligned(slopes + k + w * N);
            for (std::size_t r = k; r < n; r += C)
                for (std::size_t w = 0; w < W; ++w) each(w, r + w * N, a[w]);
        });
    };
    std::size_t k = 0;
    for (; k + 4 * N <= C; k += 4 * N) one_block(std::integral_constant<std::size_t, 4>{}, k);
    for (; k < C; k += N) one_block(std::integral_constant<std::size_t, 1>{}, k);
}
#endif

// The detail functions take the shape by reference: passed by value, the caller reloaded the
// struct it had just rewritten (one_run_per_slope) as one 16-byte copy, which store forwarding
// cannot serve from its 8-byte stores: a stall that cost ~10 ns a call (15% of PReLU at 1 Ki).
template <class Arch, class T>
inline void prelu_nhwc_forward(const T* x, const T* slopes, T* y, const channel_shape& s) {
    const std::size_t outer = s.outer, channels = s.channels, inner = s.inner;  // not reread per store
    const std::size_t n = outer * channels * inner;
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size;
        if (channels % N == 0) {
            // Whole batches per row (64, 128, … channels): the slopes stay in registers (one load
            // per batch, as Leaky ReLU has; loading the slopes too made it 0.6x Leaky's speed at
            // 1 Ki). Streamed as transform is, when the row starts are aligned (the output is,
            // and rows are whole batches).
            const auto blocks = [&](auto store) {
                for_channel_blocks<B>(channels, n, slopes, [&](auto, std::size_t, auto rows) {
                    rows([&](std::size_t, std::size_t i, const B& a) {
                        store(y + i, leaky(B::load_unaligned(x + i), a));
                    });
                });
            };
            with_stores<B>(streams(2, n * sizeof(T)) &&
                               reinterpret_cast<std::uintptr_t>(y) % sizeof(B) == 0,
                           blocks);
            return;
        }
        periodic_buffer<T, N> pattern(slopes, channels, outer);
        const T* a = pattern.data();
        const auto op = [](auto v, auto slope) { return leaky(v, slope); };
        walk_period<Arch>(
            n, 2, pattern.period(), y,
            [&](std::size_t i, std::size_t j, auto store) {
                store(y + i, op(B::load_unaligned(x + i), B::load_unaligned(a + j)));
            },
            [&](std::size_t i, std::size_t count, std::size_t j) {
                transform_partial<Arch>(op, count, y + i, std::index_sequence<0, 1>{}, x + i, a + j);
            });
        return;
    }
#endif
    // Rows of channels, not one index wrapping at C: the compiler vectorizes this form (the
    // wrapping one ran at 0.2 Gelem/s, a mispredicted branch per element on random signs).
    for (std::size_t r = 0; r < n; r += channels)
        for (std::size_t c = 0; c < channels; ++c) y[r + c] = leaky(x[r + c], slopes[c]);
}

#if RECTIFY_HAS_SIMD
// NCHW with short runs (N ≤ inner < 8N: a 7×7 or 4×4 feature map) in one pass, not a call per
// run. Runs of whole batches (inner a multiple of N) take one broadcast slope per run; otherwise
// a batch lies in one run (its slope broadcast) or straddles two (the two slopes split at the
// boundary; inner ≥ N allows no more). Measured at 64 runs of 16 floats: a call per run ran at a
// fifth of Leaky ReLU's speed. Output not streamed: runs this short never were.
template <class Arch, class T>
inline void prelu_nchw_short_forward(const T* x, const T* slopes, T* y, const channel_shape& s) {
    const std::size_t outer = s.outer, channels = s.channels, inner = s.inner;  // not reread per store
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    const std::size_t n = outer * channels * inner;
    // One batch per run (a 4×4 map of floats on AVX-512): N channels at a time in straight-line
    // code, no loop per run. At {1, 64, 16} ÷ Leaky ReLU's forward: 0.71 → 0.86–0.92 (CPU time,
    // page-aligned arrays; {4, 64, 16}: 0.50–0.56 → 0.84–0.90).
    if (inner == N) {
        std::size_t i = 0;
        for (std::size_t o = 0; o < outer; ++o) {
            std::size_t c = 0;
            for (; c + N <= channels; c += N, i += N * N)
                for_each_index(std::make_index_sequence<N>{}, [&](auto w) {
                    const std::size_t at = i + w * N;
                    leaky(B::load_unaligned(x + at), B(slopes[c + w])).store_unaligned(y + at);
                });
            for (; c < channels; ++c, i += N)
                leaky(B::load_unaligned(x + i), B(slopes[c])).store_unaligned(y + i);
        }
        return;
    }
    if (inner % N == 0) {  // runs of whole batches: one broadcast slope per run
        std::size_t i = 0;
        for (std::size_t o = 0; o < outer; ++o)
            for (std::size_t c = 0; c < channels; ++c) {
                const B a(slopes[c]);
                const std::size_t end = i + inner;
                do {  // inner ≥ N
                    leaky(B::load_unaligned(x + i), a).store_unaligned(y + i);
                    i += N;
                } while (i < end);
            }
        return;
    }
    alignas(64) T lanes[N];
    for (std::size_t l = 0; l < N; ++l) lanes[l] = T(l);
    const B lane = B::load_aligned(lanes);
    std::size_t c = 0, left = inner;  // the channel of element i, and what is left of its run
    const auto next = [channels](std::size_t k) { return k + 1 == channels ? 0 : k + 1; };
    std::size_t i = 0;
    for (; i + N <= n; i += N) {
        B a;
        if (left > N) {
            a = B(slopes[c]);
            left -= N;
        } else {  // the run ends in this batch, at lane `left`
            const std::size_t d = next(c);
            a = left == N ? B(slopes[c])
                          : detail::select(lane < B(T(left)), B(slopes[c]), B(slopes[d]));
            left = inner - (N - left);
            c = d;
        }
        leaky(B::load_unaligned(x + i), a).store_unaligned(y + i);
    }
    for (; i < n; ++i) {  // leaky is exact: these match the batches bit for bit
        y[i] = leaky(x[i], slopes[c]);
        if (--left == 0) c = next(c), left = inner;
    }
}
#endif

#if RECTIFY_HAS_SIMD
// NCHW backward with short runs of whole batches (inner = N, 2N, … below 8N). Channel c's sum
// stays a batch across its runs; N channels' batches are folded into N sums by one xsimd::haddp,
// not a horizontal sum per run. At 1 Ki floats, {1, 64, 16} on AVX-512 (Zen 5): 94–114 ns with
// the whole blocks below, 173 ns with every channel taken one at a time as the last ones are
// (Zen 4, earlier: ~300 ns with a horizontal sum per run); Leaky ReLU's backward takes 27–30 ns,
// doing four operations per batch where this does nine (x·dy, its select, the sum, the slope's
// broadcast).
template <class Arch, class T>
inline void prelu_nchw_short_backward(const T* x, const T* slopes, const T* dy, T* dx, T* dslopes,
                                      const channel_shape& s) {
    const std::size_t outer = s.outer, channels = s.channels, inner = s.inner;  // not reread per store
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t N = B::size;
    const auto& row_for_lane = haddp_row_for_lane<Arch, T>();
    std::size_t c0 = 0;
    // Whole blocks of N channels: the channel of each batch is known at compile time, so the N
    // sums stay in registers and nothing is decided per run. (Its body is the one below; one
    // lambda for both, the sums passed by reference, ran 1.2-1.5x slower at {1, 64, 16}.)
    for (; c0 + N <= channels; c0 += N) {
        B acc[N];
        for (std::size_t w = 0; w < N; ++w) acc[w] = B(T(0));
        for (std::size_t o = 0; o < outer; ++o) {
            const std::size_t block = (o * channels + c0) * inner;
            const auto run = [&](std::size_t w, std::size_t i, const B& a) {
                const B v = B::load_unaligned(x + i), g = B::load_unaligned(dy + i);
                acc[w] += slope_gradient(v, g);
                (g * leaky_derivative(v, a)).store_unaligned(dx + i);
            };
            for_each_index(std::make_index_sequence<N>{}, [&](auto w) {
                const B a(slopes[c0 + w]);
                const std::size_t first = block + w * inner;
                for (std::size_t i = first; i < first + inner; i += N) run(w, i, a);
            });
        }
        alignas(64) T sums[N];  // lane l: the sum of row row_for_lane[l], channel c0 + that row
        xsimd::haddp(acc).store_aligned(sums);
        for (std::size_t l = 0; l < N; ++l) dslopes[c0 + row_for_lane[l]] = sums[l];
    }
    if (c0 < channels) {  // the last channels, fewer than N: one run at a time
        const std::size_t width = channels - c0;
        B group[N];  // channel c0 + l's sum in row row_for_lane[l], so that it lands in lane l
        for (std::size_t l = width; l < N; ++l) group[row_for_lane[l]] = B(T(0));
        for (std::size_t l = 0; l < width; ++l) {
            const B a(slopes[c0 + l]);
            B acc(T(0));
            for (std::size_t o = 0; o < outer; ++o) {
                std::size_t i = (o * channels + c0 + l) * inner;
                const std::size_t end = i + inner;
                do {  // inner ≥ N
                    const B v = B::load_unaligned(x + i), g = B::load_unaligned(dy + i);
                    acc += slope_gradient(v, g);
                    (g * leaky_derivative(v, a)).store_unaligned(dx + i);
                    i += N;
                } while (i < end);
            }
            group[row_for_lane[l]] = acc;
        }
        alignas(64) T sums[N];  // through a buffer: the last group may hold fewer than N
        xsimd::haddp(group).store_aligned(sums);
        std::copy(sums, sums + width, dslopes + c0);
    }
}
#endif

// dx = dy·(x > 0 ? 1 : a_c) and dslopes[c] = Σ (x > 0 ? 0 : x·dy), in one pass (x and dy are
// read before dx is written: in place is fine). The sums run lane by lane in a buffer laid out
// like the slopes, whose positions of each channel are added up at the end.
template <class Arch, class T>
inline void prelu_nhwc_backward(const T* x, const T* slopes, const T* dy, T* dx, T* dslopes,
                                const channel_shape& s) {
    const std::size_t outer = s.outer, channels = s.channels, inner = s.inner;  // not reread per store
    const std::size_t n = outer * channels * inner;
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size;
        if (channels % N == 0) {
            // Whole batches per row: each block of channels keeps its slope sums in registers
            // down all the rows and stores them as dslopes at the end (no sums buffer, no fold).
            const auto blocks = [&](auto store) {
                for_channel_blocks<B>(channels, n, slopes, [&](auto width, std::size_t k, auto rows) {
                    constexpr std::size_t W = decltype(width)::value;
                    B acc[W];
                    for (std::size_t w = 0; w < W; ++w) acc[w] = B(T(0));
                    rows([&](std::size_t w, std::size_t i, const B& a) {
                        const B v = B::load_unaligned(x + i), g = B::load_unaligned(dy + i);
                        acc[w] += slope_gradient(v, g);
                        store(dx + i, g * leaky_derivative(v, a));
                    });
                    for (std::size_t w = 0; w < W; ++w) acc[w].store_unaligned(dslopes + k + w * N);
                });
            };
            with_stores<B>(streams(3, n * sizeof(T)) &&
                               reinterpret_cast<std::uintptr_t>(dx) % sizeof(B) == 0,
                           blocks);
            return;
        }
        periodic_buffer<T, N> pattern(slopes, channels, outer), sums(nullptr, channels, outer);
        const T* a = pattern.data();
        T* acc = sums.data();
        const auto step = [&](const B& v, const B& g, std::size_t j) {
            (B::load_unaligned(acc + j) + slope_gradient(v, g)).store_unaligned(acc + j);
            return g * leaky_derivative(v, B::load_unaligned(a + j));
        };
        walk_period<Arch>(
            n, 3, pattern.period(), dx,
            [&](std::size_t i, std::size_t j, auto store) {
                store(dx + i, step(B::load_unaligned(x + i), B::load_unaligned(dy + i), j));
            },
            [&](std::size_t i, std::size_t count, std::size_t j) {  // padding: x = 0 adds 0·0
                auto op = [&](const B& v, const B& g) { return step(v, g, j); };
                transform_partial<Arch>(op, count, dx + i, std::index_sequence<0, 1>{}, x + i, dy + i);
            });
        // Fold: channel c's positions in the whole rows of the period, then in the batch past it.
        // (A loop, not std::copy: GCC 12 at -O3 sees test_errors' null dslopes reach a memmove
        // past the check that throws, and -Wnonnull fails the build.)
        const std::size_t period = pattern.period();
        for (std::size_t c = 0; c < channels; ++c) {
            T total = acc[c];
            for (std::size_t p = channels + c; p < period; p += channels) total += acc[p];
            dslopes[c] = total;
        }
        for (std::size_t q = 0, c = 0; q < N; ++q, c = c + 1 == channels ? 0 : c + 1)
            dslopes[c] += acc[period + q];
        return;
    }
#endif
    std::fill(dslopes, dslopes + channels, T(0));
    for (std::size_t r = 0; r < n; r += channels)  // rows, as forward
        for (std::size_t c = 0; c < channels; ++c) {
            const std::size_t i = r + c;
            dslopes[c] += slope_gradient(x[i], dy[i]);
            dx[i] = dy[i] * leaky_derivative(x[i], slopes[c]);
        }
}

}  // namespace RECTIFY_ISA
}  // namespace detail

inline namespace RECTIFY_ISA {
/// y = x > 0 ? x : slopes[c]·x over a tensor of the given shape.
template <class Arch = default_arch, class T>
void prelu_forward(const T* x, const T* slopes, T* y, channel_shape s) {
    detail::check_prelu("prelu_forward", x, slopes, y, "y", s);
    if (s.size() == 0) return;  // n = 0 accepts null pointers: slopes[c] must not be read
    s = detail::one_run_per_slope(s);
    if (s.inner == 1) {  // NHWC: a row of channels, one slope per lane
        detail::prelu_nhwc_forward<Arch>(x, slopes, y, s);
        return;
    }
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        constexpr std::size_t N = xsimd::batch<T, Arch>::size;
        if (s.inner >= N && s.inner < 8 * N) {
            detail::prelu_nchw_short_forward<Arch>(x, slopes, y, s);
            return;
        }
    }
#endif
    // NCHW: a run of `inner` per slope; streamed when the whole output is large, as Leaky ReLU
    // is, though written a run at a time (transform_streaming skips runs too short to pay the fence).
    const bool stream = detail::streams(2, s.size() * sizeof(T));
    for (std::size_t o = 0; o < s.outer; ++o)
        for (std::size_t c = 0; c < s.channels; ++c) {
            const std::size_t at = (o * s.channels + c) * s.inner;
            const T a = slopes[c];
            detail::transform_streaming<Arch>(
                stream, [a](auto v) { return leaky(v, decltype(v)(a)); }, s.inner, y + at, x + at);
        }
}

/// dx = dy · (x > 0 ? 1 : slopes[c]) and dslopes[c] = Σ (x > 0 ? 0 : x·dy).
template <class Arch = default_arch, class T>
void prelu_backward(const T* x, const T* slopes, const T* dy, T* dx, T* dslopes, channel_shape s) {
    const std::size_t n = s.size(), cb = s.channels * sizeof(T);
    detail::check_prelu("prelu_backward", x, slopes, dx, "dx", s);
    s = detail::one_run_per_slope(s);
    detail::check_pointer("prelu_backward", "dy", dy, n);
    detail::check_pointer("prelu_backward", "dslopes", dslopes, n > 0 ? s.channels : 0);
    detail::check_overlap("prelu_backward", "dy", dy, n * sizeof(T), "dx", dx, n * sizeof(T));
    // dslopes is written while the others are read: it may share no byte with any of them.
    const T* inputs[] = {x, dy, dx, slopes};
    const char* names[] = {"x", "dy", "dx", "slopes"};
    for (int k = 0; k < 4; ++k)
        detail::check_overlap("prelu_backward", names[k], inputs[k],
                              (k == 3 ? (n > 0 ? cb : 0) : n * sizeof(T)),  // n = 0 reads nothing
                              "dslopes", dslopes, cb, false);
    if (n == 0) {  // the sums are empty; n = 0 accepts null pointers, dslopes included
        if (dslopes != nullptr) std::fill(dslopes, dslopes + s.channels, T(0));
        return;
    }
    if (s.inner == 1) {  // NHWC: slopes and their gradients run along the row
        detail::prelu_nhwc_backward<Arch>(x, slopes, dy, dx, dslopes, s);
        return;
    }
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        constexpr std::size_t N = xsimd::batch<T, Arch>::size;
        if (s.inner % N == 0 && s.inner < 8 * N) {
            detail::prelu_nchw_short_backward<Arch>(x, slopes, dy, dx, dslopes, s);
            return;
        }
    }
#endif
    const bool stream = detail::streams(3, n * sizeof(T));
    for (std::size_t c = 0; c < s.channels; ++c) {
        T sum = 0;
        for (std::size_t o = 0; o < s.outer; ++o) {
            const std::size_t at = (o * s.channels + c) * s.inner;
            detail::prelu_backward_run<Arch>(x + at, slopes[c], dy + at, dx + at, s.inner, sum,
                                             stream);
        }
        dslopes[c] = sum;
    }
}

#if RECTIFY_HAS_SPAN
// Span forms (inputs of T or const T, any extent): every size is checked against the shape.
template <class Arch = default_arch, class In, std::size_t EX, class Sl, std::size_t ES, class T,
          std::size_t EY,
          std::enable_if_t<detail::input_of<In, T> && detail::input_of<Sl, T>, int> = 0>
void prelu_forward(std::span<In, EX> x, std::span<Sl, ES> slopes, std::span<T, EY> y,
                   channel_shape s) {
    detail::check_sizes("prelu_forward", "shape", s.size(), "x", x.size());
    detail::check_sizes("prelu_forward", "x", x.size(), "y", y.size());
    detail::check_sizes("prelu_forward", "channels", s.channels, "slopes", slopes.size());
    prelu_forward<Arch>(static_cast<const T*>(x.data()), static_cast<const T*>(slopes.data()),
                        y.data(), s);
}
template <class Arch = default_arch, class In, std::size_t EX, class Sl, std::size_t ES, class G,
          std::size_t EG, class T, std::size_t ED, std::size_t EDS,
          std::enable_if_t<detail::input_of<In, T> && detail::input_of<Sl, T> &&
                               detail::input_of<G, T>,
                           int> = 0>
void prelu_backward(std::span<In, EX> x, std::span<Sl, ES> slopes, std::span<G, EG> dy,
                    std::span<T, ED> dx, std::span<T, EDS> dslopes, channel_shape s) {
    detail::check_sizes("prelu_backward", "shape", s.size(), "x", x.size());
    detail::check_sizes("prelu_backward", "x", x.size(), "dy", dy.size());
    detail::check_sizes("prelu_backward", "x", x.size(), "dx", dx.size());
    detail::check_sizes("prelu_backward", "channels", s.channels, "slopes", slopes.size());
    detail::check_sizes("prelu_backward", "channels", s.channels, "dslopes", dslopes.size());
    prelu_backward<Arch>(static_cast<const T*>(x.data()), static_cast<const T*>(slopes.data()),
                         static_cast<const T*>(dy.data()), dx.data(), dslopes.data(), s);
}
#endif

}  // namespace RECTIFY_ISA
}  // namespace rectify
