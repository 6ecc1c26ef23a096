// bench/bench_loops.cpp — the plain loops people write (`loop`; ELU and SELU also `loop_expm1`
// beside `loop` = α·(exp(x) − 1)), compiled with the same flags as everything else, so the
// compiler vectorizes them where it can; and xsimd's own expm1 in a loop (`xsimd_expm1`), the
// obvious hand-written SIMD ELU. Constants are those of the element type, as people write them.
// The smooth activations' loops are the textbook formulas on the C library's exp, tanh, log1p,
// expm1 and erf: without -ffast-math GCC does not vectorize those calls, so they run one element
// at a time through libm.
#include <algorithm>
#include <cmath>

#include <rectify/arch.hpp>  // xsimd, when present

#include "bench_common.hpp"
#include "pytorch_gelu.hpp"

namespace bench {
namespace {

template <class T>
struct selu_constants {
    static constexpr T lambda = T(1.0507009873554804934193349852946);
    static constexpr T alpha = T(1.6732632423543772848170429916717);
};

template <class T, class Body>
void add_unary(const std::string& kernel, const std::string& impl, Body body) {
    add<T>(kernel, impl, traffic::unary, [body](std::size_t n) {
        auto& a = arrays<T>::get();
        return [body, n, &a] {
            const T* __restrict x = a.x;
            T* __restrict y = a.out;
            for (std::size_t i = 0; i < n; ++i) y[i] = body(x[i]);
        };
    });
}

template <class T, class Body>
void add_binary(const std::string& kernel, const std::string& impl, Body body) {
    add<T>(kernel, impl, traffic::binary, [body](std::size_t n) {
        auto& a = arrays<T>::get();
        return [body, n, &a] {
            const T* __restrict x = a.x;
            const T* __restrict dy = a.dy;
            T* __restrict dx = a.out;
            for (std::size_t i = 0; i < n; ++i) dx[i] = body(x[i], dy[i]);
        };
    });
}

template <class T>
void add_prelu_loops() {
    constexpr std::size_t C = prelu_channels;
    add<T>("prelu_nchw_forward", "loop", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const std::size_t hw = n / C;
            for (std::size_t c = 0; c < C; ++c) {
                const T w = a.slopes[c];
                const T* __restrict x = a.x + c * hw;
                T* __restrict y = a.out + c * hw;
                for (std::size_t i = 0; i < hw; ++i) y[i] = x[i] > 0 ? x[i] : w * x[i];
            }
        };
    });
    add<T>("prelu_nhwc_forward", "loop", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const T* __restrict x = a.x;
            T* __restrict y = a.out;
            const T* __restrict w = a.slopes;
            for (std::size_t o = 0; o < n / C; ++o)
                for (std::size_t c = 0; c < C; ++c) {
                    const T v = x[o * C + c];
                    y[o * C + c] = v > 0 ? v : w[c] * v;
                }
        };
    });
    add<T>("prelu_nchw_backward", "loop", traffic::binary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const std::size_t hw = n / C;
            for (std::size_t c = 0; c < C; ++c) {
                const T w = a.slopes[c];
                const T* __restrict x = a.x + c * hw;
                const T* __restrict dy = a.dy + c * hw;
                T* __restrict dx = a.out + c * hw;
                T sum = 0;
                for (std::size_t i = 0; i < hw; ++i) {
                    dx[i] = x[i] > 0 ? dy[i] : w * dy[i];
                    sum += x[i] > 0 ? T(0) : x[i] * dy[i];
                }
                a.dslopes[c] = sum;
            }
        };
    });
    add<T>("prelu_nhwc_backward", "loop", traffic::binary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const T* __restrict x = a.x;
            const T* __restrict dy = a.dy;
            T* __restrict dx = a.out;
            const T* __restrict w = a.slopes;
            T* __restrict ds = a.dslopes;
            std::fill(ds, ds + C, T(0));
            for (std::size_t o = 0; o < n / C; ++o)
                for (std::size_t c = 0; c < C; ++c) {
                    const std::size_t i = o * C + c;
                    dx[i] = x[i] > 0 ? dy[i] : w[c] * dy[i];
                    ds[c] += x[i] > 0 ? T(0) : x[i] * dy[i];
                }
        };
    });
}

// sigmoid, tanh, silu, softplus, mish and celu (α = 1), as written from their definitions; the
// derivatives reuse the one transcendental call where the formula allows it.
template <class T>
void add_smooth_loops() {
    const T one = T(1), alpha = T(celu_alpha);
    const auto sigmoid = [](T x) { return T(1) / (T(1) + std::exp(-x)); };
    add_unary<T>("sigmoid_forward", "loop", sigmoid);
    add_binary<T>("sigmoid_backward", "loop", [sigmoid](T x, T g) {
        const T s = sigmoid(x);
        return g * s * (T(1) - s);
    });
    add_binary<T>("sigmoid_backward_from_output", "loop", [](T y, T g) { return g * y * (T(1) - y); });

    add_unary<T>("tanh_forward", "loop", [](T x) { return std::tanh(x); });
    add_binary<T>("tanh_backward", "loop", [](T x, T g) {
        const T t = std::tanh(x);
        return g * (T(1) - t * t);
    });
    add_binary<T>("tanh_backward_from_output", "loop", [](T y, T g) { return g * (T(1) - y * y); });

    add_unary<T>("silu_forward", "loop", [](T x) { return x / (T(1) + std::exp(-x)); });
    add_binary<T>("silu_backward", "loop", [sigmoid](T x, T g) {
        const T s = sigmoid(x);
        return g * s * (T(1) + x * (T(1) - s));
    });

    add_unary<T>("softplus_forward", "loop", [](T x) { return std::log1p(std::exp(x)); });
    add_binary<T>("softplus_backward", "loop", [sigmoid](T x, T g) { return g * sigmoid(x); });

    add_unary<T>("mish_forward", "loop", [](T x) { return x * std::tanh(std::log1p(std::exp(x))); });
    add_binary<T>("mish_backward", "loop", [one](T x, T g) {
        const T e = std::exp(x);
        const T t = std::tanh(std::log1p(e));
        return g * (t + x * (e / (one + e)) * (one - t * t));
    });

    add_unary<T>("celu_forward", "loop",
                 [alpha](T x) { return x > 0 ? x : alpha * std::expm1(x / alpha); });
    add_binary<T>("celu_backward", "loop",
                  [alpha](T x, T g) { return x > 0 ? g : g * std::exp(x / alpha); });
    add_binary<T>("celu_backward_from_output", "loop",
                  [alpha](T y, T g) { return y > 0 ? g : g * (y / alpha + T(1)); });
}

// hardswish, hardsigmoid, relu6, hardtanh (−1, 1) as PyTorch's CPU kernels write them (std::min
// and std::max: relu6(NaN) is not NaN there).
template <class T>
void add_hard_loops() {
    const T three = T(3), six = T(6), zero = T(0);
    add_unary<T>("hardswish_forward", "loop",
                 [=](T x) { return x * std::min(std::max(x + three, zero), six) / six; });
    add_binary<T>("hardswish_backward", "loop", [=](T x, T g) {
        return x < -three ? zero : x <= three ? g * (x / three + T(0.5)) : g;
    });
    add_unary<T>("hardsigmoid_forward", "loop",
                 [=](T x) { return std::min(std::max(x + three, zero), six) / six; });
    add_binary<T>("hardsigmoid_backward", "loop",
                  [=](T x, T g) { return x > -three && x < three ? g * (T(1) / six) : zero; });
    add_unary<T>("relu6_forward", "loop", [=](T x) { return std::min(std::max(x, zero), six); });
    add_binary<T>("relu6_backward", "loop", [=](T x, T g) { return x <= zero || x >= six ? zero : g; });
    add_unary<T>("hardtanh_forward", "loop", [](T x) { return std::min(std::max(x, T(-1)), T(1)); });
    add_binary<T>("hardtanh_backward", "loop", [](T x, T g) { return x <= T(-1) || x >= T(1) ? T(0) : g; });
}

// gelu and gelu_tanh as PyTorch's CPU kernels write them (pytorch_gelu.hpp).
template <class T>
void add_gelu_loops() {
    add_unary<T>("gelu_forward", "loop", [](T x) { return pytorch::gelu(x); });
    add_binary<T>("gelu_backward", "loop", [](T x, T g) { return pytorch::gelu_backward(x, g); });
    add_unary<T>("gelu_tanh_forward", "loop", [](T x) { return pytorch::gelu_tanh(x); });
    add_binary<T>("gelu_tanh_backward", "loop",
                  [](T x, T g) { return pytorch::gelu_tanh_backward(x, g); });
}

#if RECTIFY_HAS_SIMD
template <class T>
void add_xsimd_expm1() {
    using B = xsimd::batch<T>;
    add<T>("elu_forward", "xsimd_expm1", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const B alpha = B(T(elu_alpha));
            std::size_t i = 0;
            for (; i + B::size <= n; i += B::size) {
                const B x = B::load_unaligned(a.x + i);
                xsimd::select(x > T(0), x, alpha * xsimd::expm1(x)).store_unaligned(a.out + i);
            }
            for (; i < n; ++i) a.out[i] = a.x[i] > 0 ? a.x[i] : T(elu_alpha) * std::expm1(a.x[i]);
        };
    });
}
#endif

template <class T>
void add_loops() {
    const T leaky = T(leaky_alpha), alpha = T(elu_alpha);
    const T lambda = selu_constants<T>::lambda, lambda_alpha = lambda * selu_constants<T>::alpha;

    add_unary<T>("relu_forward", "loop", [](T x) { return std::max(T(0), x); });
    add_binary<T>("relu_backward", "loop", [](T x, T g) { return x > 0 ? g : T(0); });
    add_binary<T>("relu_backward_from_output", "loop", [](T y, T g) { return y > 0 ? g : T(0); });

    add_unary<T>("leaky_relu_forward", "loop", [leaky](T x) { return x > 0 ? x : leaky * x; });
    add_binary<T>("leaky_relu_backward", "loop", [leaky](T x, T g) { return x > 0 ? g : leaky * g; });
    add_binary<T>("leaky_relu_backward_from_output", "loop",
                  [leaky](T y, T g) { return y > 0 ? g : leaky * g; });

    add_unary<T>("elu_forward", "loop",
                 [alpha](T x) { return x > 0 ? x : alpha * (std::exp(x) - T(1)); });
    add_unary<T>("elu_forward", "loop_expm1",
                 [alpha](T x) { return x > 0 ? x : alpha * std::expm1(x); });
    add_binary<T>("elu_backward", "loop",
                  [alpha](T x, T g) { return x > 0 ? g : g * alpha * std::exp(x); });
    add_binary<T>("elu_backward_from_output", "loop",
                  [alpha](T y, T g) { return y > 0 ? g : g * (y + alpha); });

    add_unary<T>("selu_forward", "loop", [lambda, lambda_alpha](T x) {
        return x > 0 ? lambda * x : lambda_alpha * (std::exp(x) - T(1));
    });
    add_unary<T>("selu_forward", "loop_expm1", [lambda, lambda_alpha](T x) {
        return x > 0 ? lambda * x : lambda_alpha * std::expm1(x);
    });
    add_binary<T>("selu_backward", "loop", [lambda, lambda_alpha](T x, T g) {
        return x > 0 ? lambda * g : g * lambda_alpha * std::exp(x);
    });
    add_binary<T>("selu_backward_from_output", "loop", [lambda, lambda_alpha](T y, T g) {
        return y > 0 ? lambda * g : g * (y + lambda_alpha);
    });

    add_prelu_loops<T>();
    add_smooth_loops<T>();
    add_hard_loops<T>();
    add_gelu_loops<T>();
#if RECTIFY_HAS_SIMD
    add_xsimd_expm1<T>();
#endif
}

}  // namespace

void register_plain_loops() {
    add_loops<float>();
    add_loops<double>();
}

}  // namespace bench
