// bench/bench_xnnpack.cpp — XNNPACK's operators (float only): clamp to [0, inf) for ReLU,
// leaky_relu, elu (also as CELU: CELU at α = 1 is ELU), sigmoid, hardswish, and prelu (NHWC:
// XNNPACK's PReLU takes channels innermost). Debian 12's XNNPACK (git 2022-02) has no float tanh
// (only qs8 and qu8), no swish, softplus or mish operator. One thread: the
// operators run with a null threadpool. Operator creation and setup are outside the timed call.
#include <xnnpack.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <utility>

#include "bench_common.hpp"

namespace bench {
namespace {

using operator_ptr = std::shared_ptr<xnn_operator>;

void require(xnn_status status, const char* what) {
    if (status != xnn_status_success) {
        std::fprintf(stderr, "XNNPACK: %s failed (status %d)\n", what, int(status));
        std::abort();
    }
}

operator_ptr own(xnn_operator_t op) {
    return operator_ptr(op, [](xnn_operator_t p) { xnn_delete_operator(p); });
}

// XNNPACK's operators take (batch, channels); with the strides equal to the channel count the
// n / width rows of `width` channels are one contiguous array, which XNNPACK walks as such.
constexpr std::size_t width = 64;

template <class Create, class Setup>
void add_unary(const std::string& kernel, Create create, Setup setup) {
    add<float>(kernel, "xnnpack", traffic::unary, [create, setup](std::size_t n) {
        auto& a = arrays<float>::get();
        xnn_operator_t raw = nullptr;
        require(create(&raw), "create");
        operator_ptr op = own(raw);
        require(setup(op.get(), n / width, a.x, a.out), "setup");
        return [op] { xnn_run_operator(op.get(), nullptr); };
    });
}

}  // namespace

void register_xnnpack() {
    require(xnn_initialize(nullptr), "xnn_initialize");
    const float inf = std::numeric_limits<float>::infinity();
    add_unary(
        "relu_forward",
        [inf](xnn_operator_t* op) { return xnn_create_clamp_nc_f32(width, width, width, 0.f, inf, 0, op); },
        [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
            return xnn_setup_clamp_nc_f32(op, b, x, y, nullptr);
        });
    add_unary(
        "leaky_relu_forward",
        [](xnn_operator_t* op) {
            return xnn_create_leaky_relu_nc_f32(width, width, width, float(leaky_alpha), 0, op);
        },
        [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
            return xnn_setup_leaky_relu_nc_f32(op, b, x, y, nullptr);
        });
    // CELU is ELU at α = 1 (XNNPACK has no CELU of its own).
    for (const auto& [name, alpha] : {std::pair<const char*, double>{"elu_forward", elu_alpha},
                                      std::pair<const char*, double>{"celu_forward", celu_alpha}})
        add_unary(
            name,
            [alpha = float(alpha)](xnn_operator_t* op) {
                return xnn_create_elu_nc_f32(width, width, width, alpha, 0, op);
            },
            [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
                return xnn_setup_elu_nc_f32(op, b, x, y, nullptr);
            });
    add_unary(
        "sigmoid_forward",
        [](xnn_operator_t* op) { return xnn_create_sigmoid_nc_f32(width, width, width, 0, op); },
        [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
            return xnn_setup_sigmoid_nc_f32(op, b, x, y, nullptr);
        });
    add_unary(
        "hardswish_forward",
        [](xnn_operator_t* op) { return xnn_create_hardswish_nc_f32(width, width, width, 0, op); },
        [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
            return xnn_setup_hardswish_nc_f32(op, b, x, y, nullptr);
        });
    static_assert(width == prelu_channels, "the PReLU row is one pixel's channels");
    add_unary(
        "prelu_nhwc_forward",
        [](xnn_operator_t* op) {
            return xnn_create_prelu_nc_f32(width, width, width, arrays<float>::get().slopes, 0, op);
        },
        [](xnn_operator_t op, std::size_t b, const float* x, float* y) {
            return xnn_setup_prelu_nc_f32(op, b, x, y, nullptr);
        });
}

}  // namespace bench
