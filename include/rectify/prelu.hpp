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
// The memory walks for each layout are the array layer's (detail/walk_channels.hpp); what is here
// is the API, its checks and the per-element math.
#pragma once

#include <cstddef>
#include <string>

#include "array.hpp"
#include "detail/walk_channels.hpp"
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
    std::size_t rows;  // the overflow flag of the multiplies: two divisions would cost more than a small call
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

// Σ over a channel of (x > 0 ? 0 : x·dy), computed alongside dx = dy·(x > 0 ? 1 : a).
template <class T>
RECTIFY_INLINE T slope_gradient(T x, T g) noexcept {
    return detail::select(x > T(0), T(0), x * g);
}

}  // namespace RECTIFY_ISA
}  // namespace detail

inline namespace RECTIFY_ISA {
/// y = x > 0 ? x : slopes[c]·x over a tensor of the given shape.
template <class Arch = default_arch, class T>
void prelu_forward(const T* x, const T* slopes, T* y, channel_shape s) {
    detail::check_prelu("prelu_forward", x, slopes, y, "y", s);
    if (s.size() == 0) return;  // n = 0 accepts null pointers: slopes[c] must not be read
    const auto prelu = [](auto v, auto a) RECTIFY_INLINE_LAMBDA { return detail::leaky(v, a); };
    detail::walk_channels<Arch>(s.outer, s.channels, s.inner, slopes, prelu, detail::no_sum{},
                                static_cast<T*>(nullptr), y, x);
}

/// dx = dy · (x > 0 ? 1 : slopes[c]) and dslopes[c] = Σ (x > 0 ? 0 : x·dy).
template <class Arch = default_arch, class T>
void prelu_backward(const T* x, const T* slopes, const T* dy, T* dx, T* dslopes, channel_shape s) {
    const std::size_t n = s.size(), cb = s.channels * sizeof(T);
    detail::check_prelu("prelu_backward", x, slopes, dx, "dx", s);
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
    const auto dx_of = [](auto v, auto g, auto a) RECTIFY_INLINE_LAMBDA {
        return g * detail::leaky_derivative(v, a);
    };
    const auto dslope_of = [](auto v, auto g, auto) RECTIFY_INLINE_LAMBDA {
        return detail::slope_gradient(v, g);
    };
    detail::walk_channels<Arch>(s.outer, s.channels, s.inner, slopes, dx_of, dslope_of, dslopes, dx, x, dy);
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
