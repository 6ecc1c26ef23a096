// bench/peer_accuracy_peers.cpp — the kernels of peer_accuracy: the formulas as people write them
// on glibc (scalar), on xsimd (batches of the build's default arch), in Eigen; oneDNN's eltwise and
// XNNPACK's operators, each where the build found it (the same RECTIFY_BENCH_HAVE_* as
// rectify_bench).
#include "peer_accuracy_peers.hpp"

#include <rectify/arch.hpp>  // xsimd, when present: RECTIFY_HAS_SIMD

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#if RECTIFY_BENCH_HAVE_EIGEN
#include <Eigen/Core>
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
#include <xnnpack.h>
#endif

namespace peer_accuracy {

const char* name(fn f) {
    static const char* const names[] = {"sigmoid", "tanh", "silu", "softplus", "mish", "celu"};
    return names[std::size_t(f)];
}

namespace {

float* aligned_buffer() {
    static_assert(chunk * sizeof(float) % 64 == 0, "whole cache lines");
    return static_cast<float*>(std::aligned_alloc(64, chunk * sizeof(float)));
}

template <class Body>
kernel scalar_loop(fn f, Body body) {
    return {f, "glibc", [body](const float* x, float* y) {
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
}
#endif

#if RECTIFY_BENCH_HAVE_ONEDNN
// forward_inference over the shared buffers, one thread (main's OMP_NUM_THREADS is the caller's).
kernel onednn_eltwise(fn f, dnnl::algorithm a, float alpha) {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    static dnnl::stream stream(engine);
    const dnnl::memory::desc md({dnnl::memory::dim(chunk)}, dnnl::memory::data_type::f32,
                                dnnl::memory::format_tag::a);
    dnnl::eltwise_forward::primitive_desc pd({dnnl::prop_kind::forward_inference, a, md, alpha},
                                             engine);
    auto args = std::make_shared<std::unordered_map<int, dnnl::memory>>(
        std::unordered_map<int, dnnl::memory>{{DNNL_ARG_SRC, dnnl::memory(md, engine, buffer_x())},
                                              {DNNL_ARG_DST, dnnl::memory(md, engine, buffer_y())}});
    dnnl::eltwise_forward p(pd);
    return {f, "oneDNN", [p, args](const float*, float*) {
                p.execute(stream, *args);
                stream.wait();
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
