// bench/peer_accuracy_peers.cpp — the kernels of peer_accuracy: the formulas as people write them
// on glibc (scalar), on xsimd (batches of the build's default arch), in Eigen; oneDNN's eltwise and
// XNNPACK's operators, each where the build found it (the same RECTIFY_BENCH_HAVE_* as
// rectify_bench). GELU's derivatives are the backward passes with an incoming gradient of 1, and
// GELU has rectify beside its peers, for the tail values.
#include "peer_accuracy_peers.hpp"

#include <rectify/rectify.hpp>

#include "pytorch_gelu.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#if RECTIFY_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
#include <xnnpack.h>
#endif

namespace peer_accuracy {

const char* name(fn f) {
    static const char* const names[] = {"sigmoid", "tanh",  "silu",      "softplus",  "mish",
                                        "celu",    "gelu",  "gelu′",     "gelu_tanh", "gelu_tanh′"};
    return names[std::size_t(f)];
}

namespace {

float* aligned_buffer() {
    static_assert(chunk * sizeof(float) % 64 == 0, "whole cache lines");
    return static_cast<float*>(std::aligned_alloc(64, chunk * sizeof(float)));
}

// rectify's GELU, forward and derivative, at the default arch: tests/accuracy.cpp proves its bound
// over every float; here it stands beside the peers in the tail values.
void add_rectify(std::vector<kernel>& k) {
    const auto forward = [](fn f, auto activation) {
        return kernel{f, "rectify", [activation](const float* x, float* y) {
                          rectify::forward(activation, x, y, chunk);
                      }};
    };
    const auto derivative = [](fn f, auto activation) {
        return kernel{f, "rectify", [activation](const float* x, float* y) {
                          rectify::derivative(activation, x, y, chunk);
                      }};
    };
    k.push_back(forward(fn::gelu, rectify::gelu{}));
    k.push_back(derivative(fn::gelu_derivative, rectify::gelu{}));
    k.push_back(forward(fn::gelu_tanh, rectify::gelu_tanh{}));
    k.push_back(derivative(fn::gelu_tanh_derivative, rectify::gelu_tanh{}));
}

template <class Body>
kernel scalar_loop(fn f, Body body, const char* peer = "glibc") {
    return {f, peer, [body](const float* x, float* y) {
                for (std::size_t i = 0; i < chunk; ++i) y[i] = body(x[i]);
            }};
}

void add_glibc(std::vector<kernel>& k) {
    k.push_back(scalar_loop(fn::sigmoid, [](float x) { return 1.f / (1.f + std::exp(-x)); }));
    k.push_back(scalar_loop(fn::tanh, [](float x) { return std::tanh(x); }));
    k.push_back(scalar_loop(fn::silu, [](float x) { return x / (1.f + std::exp(-x)); }));
    k.push_back(scalar_loop(fn::softplus, [](float x) { return std::log1p(std::exp(x)); }));
    k.push_back(scalar_loop(fn::mish, [](float x) { return x * std::tanh(std::log1p(std::exp(x))); }));
    k.push_back(scalar_loop(fn::celu, [](float x) { return x > 0 ? x : std::expm1(x); }));
    // GELU: PyTorch's formulas (erf form and tanh form); and x·Φ(x) with Φ from erfc, which does
    // not cancel in the tail, but whose argument x/√2 rounded to float moves erfc(z) by up to
    // 2z²·2^-24 relative.
    using c = bench::pytorch::gelu_constants<float>;
    k.push_back(scalar_loop(fn::gelu, [](float x) { return bench::pytorch::gelu(x); }, "glibc erf"));
    k.push_back(scalar_loop(
        fn::gelu, [](float x) { return 0.5f * x * std::erfc(-x * c::sqrt1_2); }, "glibc erfc"));
    k.push_back(scalar_loop(
        fn::gelu_derivative, [](float x) { return bench::pytorch::gelu_backward(x, 1.f); },
        "glibc erf"));
    k.push_back(scalar_loop(
        fn::gelu_derivative,
        [](float x) {
            return 0.5f * std::erfc(-x * c::sqrt1_2) +
                   x * std::exp(-0.5f * x * x) * c::inv_sqrt_2pi;
        },
        "glibc erfc"));
    k.push_back(scalar_loop(fn::gelu_tanh, [](float x) { return bench::pytorch::gelu_tanh(x); }));
    k.push_back(scalar_loop(fn::gelu_tanh_derivative,
                            [](float x) { return bench::pytorch::gelu_tanh_backward(x, 1.f); }));
}

#if RECTIFY_HAS_SIMD
template <class Body>
kernel xsimd_loop(fn f, Body body) {
    using B = xsimd::batch<float>;
    static_assert(chunk % B::size == 0, "whole batches");
    return {f, "xsimd", [body](const float* x, float* y) {
                for (std::size_t i = 0; i < chunk; i += B::size)
                    body(B::load_aligned(x + i)).store_aligned(y + i);
            }};
}

void add_xsimd(std::vector<kernel>& k) {
    using B = xsimd::batch<float>;
    const B one(1.f);
    k.push_back(xsimd_loop(fn::sigmoid, [one](B x) { return one / (one + xsimd::exp(-x)); }));
    k.push_back(xsimd_loop(fn::tanh, [](B x) { return xsimd::tanh(x); }));
    k.push_back(xsimd_loop(fn::silu, [one](B x) { return x / (one + xsimd::exp(-x)); }));
    k.push_back(xsimd_loop(fn::softplus, [](B x) { return xsimd::log1p(xsimd::exp(x)); }));
    k.push_back(xsimd_loop(fn::mish, [](B x) { return x * xsimd::tanh(xsimd::log1p(xsimd::exp(x))); }));
    k.push_back(xsimd_loop(fn::celu, [](B x) { return xsimd::select(x > 0.f, x, xsimd::expm1(x)); }));
    using c = bench::pytorch::gelu_constants<float>;
    k.push_back(xsimd_loop(fn::gelu, [one](B x) {
        return 0.5f * x * (one + xsimd::erf(x * c::sqrt1_2));
    }));
    k.push_back(xsimd_loop(fn::gelu_tanh, [one](B x) {
        return 0.5f * x * (one + xsimd::tanh(c::beta * (x + c::kappa * x * x * x)));
    }));
}
#endif

#if RECTIFY_BENCH_HAVE_EIGEN
template <class Expression>
kernel eigen_expression(fn f, Expression e) {
    using map = Eigen::Map<Eigen::ArrayXf, Eigen::Aligned64>;
    using const_map = Eigen::Map<const Eigen::ArrayXf, Eigen::Aligned64>;
    return {f, "eigen", [e](const float* x, float* y) {
                map(y, Eigen::Index(chunk)) = e(const_map(x, Eigen::Index(chunk)));
            }};
}

// As bench_eigen.cpp writes them.
void add_eigen(std::vector<kernel>& k) {
    k.push_back(eigen_expression(fn::sigmoid, [](const auto& x) { return x.logistic(); }));
    k.push_back(eigen_expression(fn::tanh, [](const auto& x) { return x.tanh(); }));
    k.push_back(eigen_expression(fn::silu, [](const auto& x) { return x * x.logistic(); }));
    k.push_back(eigen_expression(fn::softplus, [](const auto& x) { return x.exp().log1p(); }));
    k.push_back(eigen_expression(fn::mish, [](const auto& x) { return x * x.exp().log1p().tanh(); }));
    k.push_back(eigen_expression(fn::celu, [](const auto& x) {
        return (x > 0.f).select(x, x.expm1());
    }));
    using c = bench::pytorch::gelu_constants<float>;
    k.push_back(eigen_expression(fn::gelu, [](const auto& x) {
        return 0.5f * x * (1.f + (x * c::sqrt1_2).erf());
    }));
    k.push_back(eigen_expression(fn::gelu_derivative, [](const auto& x) {
        return 0.5f * (1.f + (x * c::sqrt1_2).erf()) +
               x * (-0.5f * x.square()).exp() * c::inv_sqrt_2pi;
    }));
    k.push_back(eigen_expression(fn::gelu_tanh, [](const auto& x) {
        return 0.5f * x * (1.f + (c::beta * (x + c::kappa * x.cube())).tanh());
    }));
    k.push_back(eigen_expression(fn::gelu_tanh_derivative, [](const auto& x) {
        const auto t = (c::beta * (x + c::kappa * x.cube())).tanh();
        return 0.5f * (1.f + t) +
               0.5f * x * (1.f - t.square()) * c::beta * (1.f + 3.f * c::kappa * x.square());
    }));
}
#endif

#if RECTIFY_BENCH_HAVE_ONEDNN
dnnl::engine& onednn_engine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}
dnnl::stream& onednn_stream() {
    static dnnl::stream stream(onednn_engine());
    return stream;
}

// forward_inference over the shared buffers, one thread (main's OMP_NUM_THREADS is the caller's).
kernel onednn_eltwise(fn f, dnnl::algorithm a, float alpha) {
    dnnl::engine& engine = onednn_engine();
    const dnnl::memory::desc md({dnnl::memory::dim(chunk)}, dnnl::memory::data_type::f32,
                                dnnl::memory::format_tag::a);
    dnnl::eltwise_forward::primitive_desc pd({dnnl::prop_kind::forward_inference, a, md, alpha},
                                             engine);
    auto args = std::make_shared<std::unordered_map<int, dnnl::memory>>(
        std::unordered_map<int, dnnl::memory>{{DNNL_ARG_SRC, dnnl::memory(md, engine, buffer_x())},
                                              {DNNL_ARG_DST, dnnl::memory(md, engine, buffer_y())}});
    dnnl::eltwise_forward p(pd);
    return {f, "oneDNN", [p, args](const float*, float*) {
                p.execute(onednn_stream(), *args);
                onednn_stream().wait();
            }};
}

// The backward pass of `a` with diff_dst = 1: the derivative.
kernel onednn_eltwise_derivative(fn f, dnnl::algorithm a) {
    dnnl::engine& engine = onednn_engine();
    static float* const ones = [] {
        float* b = aligned_buffer();
        std::fill(b, b + chunk, 1.f);
        return b;
    }();
    const dnnl::memory::desc md({dnnl::memory::dim(chunk)}, dnnl::memory::data_type::f32,
                                dnnl::memory::format_tag::a);
    dnnl::eltwise_forward::primitive_desc hint({dnnl::prop_kind::forward_training, a, md, 0.f},
                                               engine);
    dnnl::eltwise_backward::primitive_desc pd({a, md, md, 0.f}, engine, hint);
    auto args = std::make_shared<std::unordered_map<int, dnnl::memory>>(
        std::unordered_map<int, dnnl::memory>{
            {DNNL_ARG_SRC, dnnl::memory(md, engine, buffer_x())},
            {DNNL_ARG_DIFF_DST, dnnl::memory(md, engine, ones)},
            {DNNL_ARG_DIFF_SRC, dnnl::memory(md, engine, buffer_y())}});
    dnnl::eltwise_backward p(pd);
    return {f, "oneDNN", [p, args](const float*, float*) {
                p.execute(onednn_stream(), *args);
                onednn_stream().wait();
            }};
}

void add_onednn(std::vector<kernel>& k) {
    using dnnl::algorithm;
    k.push_back(onednn_eltwise(fn::sigmoid, algorithm::eltwise_logistic, 0.f));
    k.push_back(onednn_eltwise(fn::tanh, algorithm::eltwise_tanh, 0.f));
    k.push_back(onednn_eltwise(fn::silu, algorithm::eltwise_swish, 1.f));
    k.push_back(onednn_eltwise(fn::softplus, algorithm::eltwise_soft_relu, 0.f));
    k.push_back(onednn_eltwise(fn::mish, algorithm::eltwise_mish, 0.f));
    k.push_back(onednn_eltwise(fn::celu, algorithm::eltwise_elu, 1.f));
    k.push_back(onednn_eltwise(fn::gelu, algorithm::eltwise_gelu_erf, 0.f));
    k.push_back(onednn_eltwise_derivative(fn::gelu_derivative, algorithm::eltwise_gelu_erf));
    k.push_back(onednn_eltwise(fn::gelu_tanh, algorithm::eltwise_gelu_tanh, 0.f));
    k.push_back(onednn_eltwise_derivative(fn::gelu_tanh_derivative, algorithm::eltwise_gelu_tanh));
}
#endif

#if RECTIFY_BENCH_HAVE_XNNPACK
void require(xnn_status status, const char* what) {
    if (status != xnn_status_success) {
        std::fprintf(stderr, "XNNPACK: %s failed (status %d)\n", what, int(status));
        std::abort();
    }
}

// Rows of 64 channels over the shared buffers; the operator lives as long as the kernel.
kernel xnnpack_operator(fn f, xnn_operator_t op, xnn_status setup) {
    require(setup, "setup");
    std::shared_ptr<xnn_operator> owned(op, [](xnn_operator_t p) { xnn_delete_operator(p); });
    return {f, "XNNPACK", [owned](const float*, float*) {
                require(xnn_run_operator(owned.get(), nullptr), "run");
            }};
}

void add_xnnpack(std::vector<kernel>& k) {
    constexpr std::size_t width = 64, rows = chunk / width;
    require(xnn_initialize(nullptr), "xnn_initialize");
    xnn_operator_t op = nullptr;
    require(xnn_create_sigmoid_nc_f32(width, width, width, 0, &op), "create sigmoid");
    k.push_back(xnnpack_operator(fn::sigmoid, op,
                                 xnn_setup_sigmoid_nc_f32(op, rows, buffer_x(), buffer_y(), nullptr)));
    require(xnn_create_elu_nc_f32(width, width, width, 1.f, 0, &op), "create elu");
    k.push_back(xnnpack_operator(fn::celu, op,
                                 xnn_setup_elu_nc_f32(op, rows, buffer_x(), buffer_y(), nullptr)));
}
#endif

}  // namespace

float* buffer_x() {
    static float* const b = aligned_buffer();
    return b;
}
float* buffer_y() {
    static float* const b = aligned_buffer();
    return b;
}

std::vector<kernel> all_peers() {
    std::vector<kernel> k;
    add_rectify(k);
    add_glibc(k);
#if RECTIFY_HAS_SIMD
    add_xsimd(k);
#endif
#if RECTIFY_BENCH_HAVE_EIGEN
    add_eigen(k);
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
    add_onednn(k);
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
    add_xnnpack(k);
#endif
    return k;
}

}  // namespace peer_accuracy
