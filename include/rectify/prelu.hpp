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

#include <cstddef>
#include <string>

#include "array.hpp"
#include "leaky_relu.hpp"

namespace rectify {

struct channel_shape {
    std::size_t outer = 1, channels = 1, inner = 1;
    constexpr std::size_t size() const noexcept { return outer * channels * inner; }
};

namespace detail {

inline std::string describe(const channel_shape& s) {
    return "{" + std::to_string(s.outer) + ", " + std::to_string(s.channels) + ", " +
           std::to_string(s.inner) + "}";
}

template <class T>
inline void check_prelu(const char* function, const T* x, const T* slopes, const T* out,
                        const channel_shape& s) {
    const std::size_t n = s.size();
    if (s.channels != 0 && s.inner != 0 && n / s.channels / s.inner != s.outer)
        fail(std::string("rectify::") + function + ": shape " + describe(s) +
             " has more elements than size_t holds");
    check_unary(function, x, out, n, "x", "output");
    check_pointer(function, "slopes", slopes, n > 0 ? s.channels : 0);
}

// One channel ({n, 1, 1}, a shared slope) is one run of n elements, not n rows of one.
inline channel_shape one_run_per_slope(channel_shape s) noexcept {
    return s.channels == 1 ? channel_shape{1, 1, s.size()} : s;
}

// Σ over a run of (x > 0 ? 0 : x·dy), computed alongside dx = dy·(x > 0 ? 1 : a).
template <class T>
inline T slope_gradient(T x, T g) noexcept {
    return detail::select(x > T(0), T(0), x * g);
}

template <class Arch, class T>
inline void prelu_backward_run(const T* x, T a, const T* dy, T* dx, std::size_t n, T& sum) {
    T total = 0;
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<Arch, scalar>::value) {
        using B = xsimd::batch<T, Arch>;
        constexpr std::size_t N = B::size;
        const B va(a);
        B acc0(T(0)), acc1(T(0));
        std::size_t i = 0;
        for (; i + 2 * N <= n; i += 2 * N) {
            const B x0 = B::load_unaligned(x + i), g0 = B::load_unaligned(dy + i);
            const B x1 = B::load_unaligned(x + i + N), g1 = B::load_unaligned(dy + i + N);
            acc0 += slope_gradient(x0, g0);
            acc1 += slope_gradient(x1, g1);
            (g0 * leaky_derivative(x0, va)).store_unaligned(dx + i);
            (g1 * leaky_derivative(x1, va)).store_unaligned(dx + i + N);
        }
        if (i + N <= n) {  // one more whole batch: the tail below holds less than one
            const B x0 = B::load_unaligned(x + i), g0 = B::load_unaligned(dy + i);
            acc0 += slope_gradient(x0, g0);
            (g0 * leaky_derivative(x0, va)).store_unaligned(dx + i);
            i += N;
        }
        total = reduce_add(acc0 + acc1);
        const std::size_t rest = n - i;
        if (rest > 0) {
            alignas(64) T bx[N] = {}, bg[N] = {}, bd[N];
            std::copy(x + i, x + n, bx);
            std::copy(dy + i, dy + n, bg);
            const B vx = B::load_aligned(bx), vg = B::load_aligned(bg);
            total += reduce_add(slope_gradient(vx, vg));  // padding: x = 0 adds 0·0
            (vg * leaky_derivative(vx, va)).store_aligned(bd);
            std::copy(bd, bd + rest, dx + i);
        }
        sum += total;
        return;
    }
#endif
    for (std::size_t i = 0; i < n; ++i) {
        const T xi = x[i], gi = dy[i];
        total += slope_gradient(xi, gi);
        dx[i] = gi * leaky_derivative(xi, a);
    }
    sum += total;
}

}  // namespace detail

/// y = x > 0 ? x : slopes[c]·x over a tensor of the given shape.
template <class Arch = default_arch, class T>
void prelu_forward(const T* x, const T* slopes, T* y, channel_shape s) {
    detail::check_prelu("prelu_forward", x, slopes, y, s);
    if (s.size() == 0) return;  // n = 0 accepts null pointers: slopes[c] must not be read
    s = detail::one_run_per_slope(s);
    const auto slope = [](auto v, auto a) { return leaky(v, a); };
    if (s.inner == 1) {  // NHWC: a row of channels, one slope per lane
        for (std::size_t o = 0; o < s.outer; ++o)
            detail::transform<Arch>(slope, s.channels, y + o * s.channels, x + o * s.channels,
                                    slopes);
        return;
    }
    // NCHW: a run of `inner` per slope; streamed when the whole output is large, as Leaky ReLU
    // is, though written a run at a time (transform_streaming skips runs too short to pay the fence).
    const bool stream = detail::streams(s.size() * sizeof(T));
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
    detail::check_prelu("prelu_backward", x, slopes, dx, s);
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
        std::fill(dslopes, dslopes + s.channels, T(0));
        for (std::size_t o = 0; o < s.outer; ++o) {
            const std::size_t at = o * s.channels;
            // The slope gradients first: dx may be the same array as x or dy.
            detail::transform<Arch>(
                [](auto acc, auto v, auto g) { return acc + detail::slope_gradient(v, g); },
                s.channels, dslopes, dslopes, x + at, dy + at);
            detail::transform<Arch>(
                [](auto v, auto a, auto g) { return g * leaky_derivative(v, a); }, s.channels,
                dx + at, x + at, slopes, dy + at);
        }
        return;
    }
    for (std::size_t c = 0; c < s.channels; ++c) {
        T sum = 0;
        for (std::size_t o = 0; o < s.outer; ++o) {
            const std::size_t at = (o * s.channels + c) * s.inner;
            detail::prelu_backward_run<Arch>(x + at, slopes[c], dy + at, dx + at, s.inner, sum);
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

}  // namespace rectify
