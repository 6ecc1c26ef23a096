// bench/peer_accuracy_peers.hpp — the peers peer_accuracy measures: one kernel per (function,
// implementation), each computing `chunk` floats from buffer_x() into buffer_y().
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace peer_accuracy {

/// The forward functions, and GELU's derivatives (the peers' backward with an incoming gradient
/// of 1).
enum class fn {
    sigmoid, tanh, silu, softplus, mish, celu,
    gelu, gelu_derivative, gelu_tanh, gelu_tanh_derivative
};
constexpr std::size_t fns = 10;
const char* name(fn f);

/// Elements per call: a multiple of every SIMD width and of XNNPACK's row of 64.
constexpr std::size_t chunk = std::size_t(1) << 16;

struct kernel {
    fn f;
    std::string name;                               // the peer: "glibc", "xsimd", "eigen", …
    std::function<void(const float*, float*)> run;  // chunk elements
};

/// The input and output buffers every kernel is built for (oneDNN's and XNNPACK's bind them).
float* buffer_x();
float* buffer_y();

/// Every peer this build has, in the table's order.
std::vector<kernel> all_peers();

}  // namespace peer_accuracy
