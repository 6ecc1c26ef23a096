// bench/bench_eigen.cpp — Eigen 3.4 array expressions over mapped arrays, as a user of Eigen
// writes them: `x.max(0)`, `(x > 0).select(x, a * x)`, `alpha * (x.exp() - 1)`; PReLU as a
// per-channel broadcast over the (spatial × channel) matrix. Float and double, Eigen's own SIMD.
// The smooth activations as Eigen writes them: `x.logistic()`, `x.tanh()`, silu `x * x.logistic()`,
// softplus `x.exp().log1p()`, mish `x * x.exp().log1p().tanh()`, celu with `expm1`. Eigen 3.4
// vectorizes exp, expm1, logistic (float: a clamped rational approximation; double:
// 1 / (1 + exp(−x))) for both types, log1p and tanh for float only: in double, log1p and tanh are
// libm calls per element (softplus, mish and tanh). GELU as PyTorch's formulas with `erf()` (the
// SpecialFunctions module: a rational approximation vectorized for float, std::erf per element
// for double) and `tanh()`.
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

#include "bench_common.hpp"
#include "pytorch_gelu.hpp"

namespace bench {
namespace {

template <class T>
using array_map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>, Eigen::Aligned64>;
template <class T>
using const_map = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>, Eigen::Aligned64>;

template <class T, class Expression>
void add_unary(const std::string& kernel, Expression e) {
    add<T>(kernel, "eigen", traffic::unary, [e](std::size_t n) {
        auto& a = arrays<T>::get();
        return [e, n, &a] {
            const const_map<T> x(a.x, Eigen::Index(n));
            array_map<T> y(a.out, Eigen::Index(n));
            y = e(x);
        };
    });
}

template <class T, class Expression>
void add_binary(const std::string& kernel, Expression e) {
    add<T>(kernel, "eigen", traffic::binary, [e](std::size_t n) {
        auto& a = arrays<T>::get();
        return [e, n, &a] {
            const const_map<T> x(a.x, Eigen::Index(n)), dy(a.dy, Eigen::Index(n));
            array_map<T> dx(a.out, Eigen::Index(n));
            dx = e(x, dy);
        };
    });
}

// The derivatives where the expression evaluates its transcendental once (sigmoid's evaluates
// logistic twice, as written); no silu and mish backward.
template <class T>
void add_smooth() {
    const T alpha = T(celu_alpha);
    add_unary<T>("sigmoid_forward", [](const auto& x) { return x.logistic(); });
    add_binary<T>("sigmoid_backward", [](const auto& x, const auto& g) {
        return g * x.logistic() * (T(1) - x.logistic());
    });
    add_binary<T>("sigmoid_backward_from_output",
                  [](const auto& y, const auto& g) { return g * y * (T(1) - y); });
    add_unary<T>("tanh_forward", [](const auto& x) { return x.tanh(); });
    add_binary<T>("tanh_backward",
                  [](const auto& x, const auto& g) { return g * (T(1) - x.tanh().square()); });
    add_binary<T>("tanh_backward_from_output",
                  [](const auto& y, const auto& g) { return g * (T(1) - y.square()); });
    add_unary<T>("silu_forward", [](const auto& x) { return x * x.logistic(); });
    add_unary<T>("softplus_forward", [](const auto& x) { return x.exp().log1p(); });
    add_binary<T>("softplus_backward", [](const auto& x, const auto& g) { return g * x.logistic(); });
    add_unary<T>("mish_forward", [](const auto& x) { return x * x.exp().log1p().tanh(); });
    add_unary<T>("celu_forward", [alpha](const auto& x) {
        return (x > T(0)).select(x, alpha * (x / alpha).expm1());
    });
    add_binary<T>("celu_backward", [alpha](const auto& x, const auto& g) {
        return (x > T(0)).select(g, g * (x / alpha).exp());
    });
    add_binary<T>("celu_backward_from_output", [alpha](const auto& y, const auto& g) {
        return (y > T(0)).select(g, g * (y / alpha + T(1)));
    });
}

// The hard family as array expressions (PyTorch's formulas; Eigen's min/max, like std's, do not
// keep NaN).
template <class T>
void add_hard() {
    add_unary<T>("hardswish_forward", [](const auto& x) { return x * (x + T(3)).max(T(0)).min(T(6)) / T(6); });
    add_binary<T>("hardswish_backward", [](const auto& x, const auto& g) {
        return (x < T(-3)).select(T(0), (x <= T(3)).select(g * (x / T(3) + T(0.5)), g));
    });
    add_unary<T>("hardsigmoid_forward", [](const auto& x) { return (x + T(3)).max(T(0)).min(T(6)) / T(6); });
    add_unary<T>("relu6_forward", [](const auto& x) { return x.max(T(0)).min(T(6)); });
    add_unary<T>("hardtanh_forward", [](const auto& x) { return x.max(T(-1)).min(T(1)); });
}

// gelu and gelu_tanh, forward and backward, PyTorch's formulas (pytorch_gelu.hpp) as expressions;
// gelu_tanh's backward names its tanh twice, so Eigen evaluates it twice, as written.
template <class T>
void add_gelu() {
    using c = pytorch::gelu_constants<T>;
    const T sqrt1_2 = c::sqrt1_2, inv_sqrt_2pi = c::inv_sqrt_2pi, beta = c::beta, kappa = c::kappa;
    add_unary<T>("gelu_forward", [=](const auto& x) {
        return T(0.5) * x * (T(1) + (x * sqrt1_2).erf());
    });
    add_binary<T>("gelu_backward", [=](const auto& x, const auto& g) {
        return g * (T(0.5) * (T(1) + (x * sqrt1_2).erf()) +
                    x * (T(-0.5) * x.square()).exp() * inv_sqrt_2pi);
    });
    add_unary<T>("gelu_tanh_forward", [=](const auto& x) {
        return T(0.5) * x * (T(1) + (beta * (x + kappa * x.cube())).tanh());
    });
    add_binary<T>("gelu_tanh_backward", [=](const auto& x, const auto& g) {
        const auto t = (beta * (x + kappa * x.cube())).tanh();
        return g * (T(0.5) * (T(1) + t) +
                    T(0.5) * x * (T(1) - t.square()) * beta * (T(1) + T(3) * kappa * x.square()));
    });
}

template <class T>
void add_eigen() {
    const T leaky = T(leaky_alpha), alpha = T(elu_alpha);
    const T lambda = T(1.0507009873554804934193349852946);
    const T lambda_alpha = lambda * T(1.6732632423543772848170429916717);

    add_unary<T>("relu_forward", [](const auto& x) { return x.max(T(0)); });
    for (const char* k : {"relu_backward", "relu_backward_from_output"})
        add_binary<T>(k, [](const auto& x, const auto& g) { return (x > T(0)).select(g, T(0)); });
    add_unary<T>("leaky_relu_forward",
                 [leaky](const auto& x) { return (x > T(0)).select(x, leaky * x); });
    for (const char* k : {"leaky_relu_backward", "leaky_relu_backward_from_output"})
        add_binary<T>(k, [leaky](const auto& x, const auto& g) {
            return (x > T(0)).select(g, leaky * g);
        });
    add_unary<T>("elu_forward",
                 [alpha](const auto& x) { return (x > T(0)).select(x, alpha * (x.exp() - T(1))); });
    add_binary<T>("elu_backward", [alpha](const auto& x, const auto& g) {
        return (x > T(0)).select(g, g * alpha * x.exp());
    });
    add_binary<T>("elu_backward_from_output", [alpha](const auto& y, const auto& g) {
        return (y > T(0)).select(g, g * (y + alpha));
    });
    add_unary<T>("selu_forward", [lambda, lambda_alpha](const auto& x) {
        return (x > T(0)).select(lambda * x, lambda_alpha * (x.exp() - T(1)));
    });
    add_binary<T>("selu_backward", [lambda, lambda_alpha](const auto& x, const auto& g) {
        return (x > T(0)).select(lambda * g, g * lambda_alpha * x.exp());
    });
    add_binary<T>("selu_backward_from_output", [lambda, lambda_alpha](const auto& y, const auto& g) {
        return (y > T(0)).select(lambda * g, g * (y + lambda_alpha));
    });

    add_smooth<T>();
    add_hard<T>();
    add_gelu<T>();

    // PReLU forward: NCHW is a (HW × C) column-major matrix (a column per channel), NHWC a
    // (C × NHW) one (a row per channel); the slopes broadcast along the other axis.
    using M = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic>;
    using V = Eigen::Array<T, Eigen::Dynamic, 1>;
    constexpr auto C = Eigen::Index(prelu_channels);
    add<T>("prelu_nchw_forward", "eigen", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const Eigen::Index hw = Eigen::Index(n) / C;
            const Eigen::Map<const M, Eigen::Aligned64> x(a.x, hw, C);
            Eigen::Map<M, Eigen::Aligned64> y(a.out, hw, C);
            const Eigen::Map<const V> w(a.slopes, C);
            y = (x > T(0)).select(x, x.rowwise() * w.transpose());
        };
    });
    add<T>("prelu_nhwc_forward", "eigen", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] {
            const Eigen::Index pixels = Eigen::Index(n) / C;
            const Eigen::Map<const M, Eigen::Aligned64> x(a.x, C, pixels);
            Eigen::Map<M, Eigen::Aligned64> y(a.out, C, pixels);
            const Eigen::Map<const V> w(a.slopes, C);
            y = (x > T(0)).select(x, x.colwise() * w);
        };
    });
}

}  // namespace

void register_eigen() {
    add_eigen<float>();
    add_eigen<double>();
}

}  // namespace bench
