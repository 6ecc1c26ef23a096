// bench/bench_onednn.cpp — oneDNN's eltwise (relu with α = 0 and α = 0.01, elu, logistic, tanh,
// swish, soft_relu, mish, hardswish, clip_v2 as relu6 and hardtanh, gelu_erf, gelu_tanh) and PReLU
// primitives, float only (oneDNN's CPU engine has no f64 eltwise), on one thread (main() sets
// OpenMP to one thread). Forward runs as forward_inference; backward from x uses the plain
// algorithm, backward_from_output the `*_use_dst_for_bwd` one where oneDNN has it (relu, elu,
// logistic, tanh, clip_v2; not swish, soft_relu, mish, hardswish, the gelus). Primitive creation
// is untimed.
#include <oneapi/dnnl/dnnl.hpp>

#include <memory>

#include "bench_common.hpp"

namespace bench {
namespace {

using dnnl::algorithm;
using dnnl::memory;
using tag = memory::format_tag;

struct context {
    dnnl::engine engine{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream{engine};
    static context& get() {
        static context c;
        return c;
    }
};

memory::desc flat(std::size_t n) {
    return memory::desc({memory::dim(n)}, memory::data_type::f32, tag::a);
}

// Runs `p` with `args` (memory objects wrapping the shared arrays) and waits.
std::function<void()> runner(dnnl::primitive p, std::unordered_map<int, memory> args) {
    auto shared = std::make_shared<std::unordered_map<int, memory>>(std::move(args));
    return [p, shared] {
        auto& c = context::get();
        p.execute(c.stream, *shared);
        c.stream.wait();
    };
}

// `from_output_algorithm` algorithm::undef: no backward_from_output.
void add_eltwise(const std::string& activation, algorithm forward_algorithm,
                 algorithm from_output_algorithm, float alpha, float beta = 0.f) {
    add<float>(activation + "_forward", "onednn", traffic::unary,
               [=](std::size_t n) {
                   auto& a = arrays<float>::get();
                   auto& c = context::get();
                   const auto md = flat(n);
                   dnnl::eltwise_forward::primitive_desc pd(
                       {dnnl::prop_kind::forward_inference, forward_algorithm, md, alpha, beta},
                       c.engine);
                   return runner(dnnl::eltwise_forward(pd),
                                 {{DNNL_ARG_SRC, memory(md, c.engine, a.x)},
                                  {DNNL_ARG_DST, memory(md, c.engine, a.out)}});
               });
    for (const bool from_output : {false, true}) {
        if (from_output && from_output_algorithm == algorithm::undef) continue;
        const algorithm alg = from_output ? from_output_algorithm : forward_algorithm;
        add<float>(activation + (from_output ? "_backward_from_output" : "_backward"), "onednn",
                   traffic::binary, [=](std::size_t n) {
                       auto& a = arrays<float>::get();
                       auto& c = context::get();
                       const auto md = flat(n);
                       dnnl::eltwise_forward::primitive_desc hint(
                           {dnnl::prop_kind::forward_training, alg, md, alpha, beta}, c.engine);
                       dnnl::eltwise_backward::primitive_desc pd({alg, md, md, alpha, beta}, c.engine,
                                                                 hint);
                       return runner(dnnl::eltwise_backward(pd),
                                     {{from_output ? DNNL_ARG_DST : DNNL_ARG_SRC,
                                       memory(md, c.engine, a.x)},
                                      {DNNL_ARG_DIFF_DST, memory(md, c.engine, a.dy)},
                                      {DNNL_ARG_DIFF_SRC, memory(md, c.engine, a.out)}});
                   });
    }
}

// PReLU over NCHW {1, 64, n/64, 1} or NHWC {n/64, 64, 1, 1} with one weight per channel.
void add_prelu(const std::string& layout) {
    const tag data_tag = layout == "nchw" ? tag::nchw : tag::nhwc;
    const auto dims = [layout](std::size_t n) -> memory::dims {
        const auto C = memory::dim(prelu_channels), rest = memory::dim(n / prelu_channels);
        return layout == "nchw" ? memory::dims{1, C, rest, 1} : memory::dims{rest, C, 1, 1};
    };
    const auto weights = memory::desc({1, memory::dim(prelu_channels), 1, 1},
                                      memory::data_type::f32, data_tag);
    add<float>("prelu_" + layout + "_forward", "onednn", traffic::unary, [=](std::size_t n) {
        auto& a = arrays<float>::get();
        auto& c = context::get();
        const memory::desc md(dims(n), memory::data_type::f32, data_tag);
        dnnl::prelu_forward::primitive_desc pd({dnnl::prop_kind::forward_inference, md, weights},
                                               c.engine);
        return runner(dnnl::prelu_forward(pd), {{DNNL_ARG_SRC, memory(md, c.engine, a.x)},
                                                {DNNL_ARG_WEIGHTS, memory(weights, c.engine, a.slopes)},
                                                {DNNL_ARG_DST, memory(md, c.engine, a.out)}});
    });
    add<float>("prelu_" + layout + "_backward", "onednn", traffic::binary, [=](std::size_t n) {
        auto& a = arrays<float>::get();
        auto& c = context::get();
        const memory::desc md(dims(n), memory::data_type::f32, data_tag);
        dnnl::prelu_forward::primitive_desc hint({dnnl::prop_kind::forward_training, md, weights},
                                                 c.engine);
        dnnl::prelu_backward::primitive_desc pd({md, weights, md, weights}, c.engine, hint);
        return runner(dnnl::prelu_backward(pd),
                      {{DNNL_ARG_SRC, memory(md, c.engine, a.x)},
                       {DNNL_ARG_WEIGHTS, memory(weights, c.engine, a.slopes)},
                       {DNNL_ARG_DIFF_DST, memory(md, c.engine, a.dy)},
                       {DNNL_ARG_DIFF_SRC, memory(md, c.engine, a.out)},
                       {DNNL_ARG_DIFF_WEIGHTS, memory(weights, c.engine, a.dslopes)}});
    });
}

}  // namespace

void register_onednn() {
    add_eltwise("relu", algorithm::eltwise_relu, algorithm::eltwise_relu_use_dst_for_bwd, 0.f);
    add_eltwise("leaky_relu", algorithm::eltwise_relu, algorithm::eltwise_relu_use_dst_for_bwd,
                float(leaky_alpha));
    add_eltwise("elu", algorithm::eltwise_elu, algorithm::eltwise_elu_use_dst_for_bwd,
                float(elu_alpha));
    // The smooth activations at rectify's default parameters: swish's α scales the sigmoid's
    // argument (α = 1 is SiLU); soft_relu is log(1 + eˣ) in oneDNN 2.x, whose α is ignored (β = 1,
    // and no threshold; oneDNN 3 made α the β); oneDNN has no CELU, and CELU at α = 1 is its ELU.
    add_eltwise("sigmoid", algorithm::eltwise_logistic, algorithm::eltwise_logistic_use_dst_for_bwd,
                0.f);
    add_eltwise("tanh", algorithm::eltwise_tanh, algorithm::eltwise_tanh_use_dst_for_bwd, 0.f);
    add_eltwise("silu", algorithm::eltwise_swish, algorithm::undef, 1.f);
    add_eltwise("softplus", algorithm::eltwise_soft_relu, algorithm::undef, 0.f);
    add_eltwise("mish", algorithm::eltwise_mish, algorithm::undef, 0.f);
    add_eltwise("celu", algorithm::eltwise_elu, algorithm::eltwise_elu_use_dst_for_bwd,
                float(celu_alpha));
    add_eltwise("hardswish", algorithm::eltwise_hardswish, algorithm::undef, 0.f);
    // ReLU6 and Hardtanh are oneDNN's clip_v2 (min, max: α, β; clip_v2 gives 0 at both kinks, as
    // PyTorch, where clip's derivative is 1 at the upper one); oneDNN 2.6 has no hardsigmoid.
    add_eltwise("relu6", algorithm::eltwise_clip_v2, algorithm::eltwise_clip_v2_use_dst_for_bwd, 0.f, 6.f);
    add_eltwise("hardtanh", algorithm::eltwise_clip_v2, algorithm::eltwise_clip_v2_use_dst_for_bwd, -1.f, 1.f);
    // GELU: eltwise_gelu_erf is 0.5·x·(1 + erf(x/√2)), eltwise_gelu_tanh the tanh approximation
    // (eltwise_gelu is its alias); neither takes α or β.
    add_eltwise("gelu", algorithm::eltwise_gelu_erf, algorithm::undef, 0.f);
    add_eltwise("gelu_tanh", algorithm::eltwise_gelu_tanh, algorithm::undef, 0.f);
    add_prelu("nchw");
    add_prelu("nhwc");
}

}  // namespace bench
