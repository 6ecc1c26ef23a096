// bench/pytorch_gelu.hpp — GELU as PyTorch's CPU kernels write it (ATen's GeluKernelImpl and
// GeluBackwardKernelImpl, their scalar form), for the plain loops (bench_loops.cpp), the Eigen
// expressions (bench_eigen.cpp, its constants) and peer_accuracy: the erf form
// 0.5·x·(1 + erf(x/√2)), which cancels in the negative tail (1 + erf(x/√2) rounds to 0 below about
// −5.6 in float), and the tanh approximation, every constant rounded to the element type.
#pragma once

#include <cmath>

namespace bench::pytorch {

template <class T>
struct gelu_constants {
    static constexpr T sqrt1_2 = T(M_SQRT1_2);                          // 1/√2
    static constexpr T inv_sqrt_2pi = T(M_2_SQRTPI * M_SQRT1_2 * 0.5);  // 1/√(2π), kAlpha
    static constexpr T beta = T(M_SQRT2 * M_2_SQRTPI * 0.5);            // √(2/π), kBeta
    static constexpr T kappa = T(0.044715);                             // kKappa
};

template <class T>
T gelu(T x) {
    using c = gelu_constants<T>;
    return T(0.5) * x * (T(1) + std::erf(x * c::sqrt1_2));
}

/// dy · gelu′(x): the normal distribution's cdf plus x times its pdf.
template <class T>
T gelu_backward(T x, T dy) {
    using c = gelu_constants<T>;
    const T cdf = T(0.5) * (T(1) + std::erf(x * c::sqrt1_2));
    const T pdf = c::inv_sqrt_2pi * std::exp(T(-0.5) * x * x);
    return dy * (cdf + x * pdf);
}

template <class T>
T gelu_tanh(T x) {
    using c = gelu_constants<T>;
    const T inner = c::beta * (x + c::kappa * x * x * x);
    return T(0.5) * x * (T(1) + std::tanh(inner));
}

/// dy · gelu_tanh′(x), from the one tanh.
template <class T>
T gelu_tanh_backward(T x, T dy) {
    using c = gelu_constants<T>;
    const T x_sq = x * x;
    const T t = std::tanh(c::beta * (x + c::kappa * x_sq * x));
    const T left_derivative = T(0.5) * (T(1) + t);
    const T right_derivative =
        T(0.5) * x * (T(1) - t * t) * c::beta * (T(1) + T(3) * c::kappa * x_sq);
    return dy * (left_derivative + right_derivative);
}

}  // namespace bench::pytorch
