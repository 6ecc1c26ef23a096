// bench/bench_rectify.cpp — rectify at the default instruction set (`rectify`) and forced to
// each one this build enables (`rectify_scalar`, `rectify_sse2`, `rectify_fma3_avx2`,
// `rectify_avx512bw`, ...), and memcpy of the same bytes (`BM_memcpy_<type>/memcpy`). The
// activations are the tests' list (tests/activation_traits.hpp), one family per type, named by its
// traits, at its default parameters.
#include <rectify/rectify.hpp>

#include "activation_traits.hpp"
#include "bench_common.hpp"

namespace bench {
namespace {

// "fma3+avx2" → "fma3_avx2": benchmark filters are regular expressions.
template <class Arch>
std::string implementation_name(bool is_default) {
    if (is_default) return "rectify";
    std::string s = std::string("rectify_") + Arch::name();
    for (char& c : s)
        if (c == '+') c = '_';
    return s;
}

template <class Arch, class T, class F>
void add_activation(const std::string& name, const F& f, bool is_default) {
    const std::string impl = implementation_name<Arch>(is_default);
    add<T>(name + "_forward", impl, traffic::unary, [f](std::size_t n) {
        auto& a = arrays<T>::get();
        return [f, n, &a] { rectify::forward<Arch>(f, a.x, a.out, n); };
    });
    add<T>(name + "_backward", impl, traffic::binary, [f](std::size_t n) {
        auto& a = arrays<T>::get();
        return [f, n, &a] { rectify::backward<Arch>(f, a.x, a.dy, a.out, n); };
    });
    if constexpr (rectify_test::has_from_output_rule<F>::value)
        if (rectify_test::traits<F>::template from_output_accepted<T>(f))
            add<T>(name + "_backward_from_output", impl, traffic::binary, [f](std::size_t n) {
                auto& a = arrays<T>::get();
                return [f, n, &a] { rectify::backward_from_output<Arch>(f, a.x, a.dy, a.out, n); };
            });
}

template <class Arch, class T>
void add_prelu(const std::string& layout, bool is_default) {
    const std::string impl = implementation_name<Arch>(is_default);
    const bool nchw = layout == "nchw";
    const auto shape = [nchw](std::size_t n) {
        return nchw ? rectify::channel_shape{1, prelu_channels, n / prelu_channels}
                    : rectify::channel_shape{n / prelu_channels, prelu_channels, 1};
    };
    add<T>("prelu_" + layout + "_forward", impl, traffic::unary, [shape](std::size_t n) {
        auto& a = arrays<T>::get();
        return [s = shape(n), &a] { rectify::prelu_forward<Arch>(a.x, a.slopes, a.out, s); };
    });
    add<T>("prelu_" + layout + "_backward", impl, traffic::binary, [shape](std::size_t n) {
        auto& a = arrays<T>::get();
        return [s = shape(n), &a] {
            rectify::prelu_backward<Arch>(a.x, a.slopes, a.dy, a.out, a.dslopes, s);
        };
    });
}

// The peers are measured at the same parameters (bench_common.hpp).
static_assert(rectify::leaky_relu{}.alpha == leaky_alpha && rectify::elu{}.alpha == elu_alpha &&
                  rectify::celu{}.alpha == celu_alpha && rectify::softplus{}.beta == 1 &&
                  rectify::softplus{}.threshold == 20 && rectify::hardtanh{}.min_val == -1 &&
                  rectify::hardtanh{}.max_val == 1,
              "rectify's defaults are the parameters the peers run with");

template <class Arch, class T>
void add_arch(bool is_default) {
    rectify_test::for_each_activation_type([&](auto tag) {
        using F = typename decltype(tag)::type;
        add_activation<Arch, T>(rectify_test::traits<F>::name, F{}, is_default);
    });
    add_prelu<Arch, T>("nchw", is_default);
    add_prelu<Arch, T>("nhwc", is_default);
}

template <class T>
void add_all_arches() {
    add_arch<rectify::default_arch, T>(true);
    add_arch<rectify::scalar, T>(false);
#if RECTIFY_HAS_SIMD && XSIMD_WITH_SSE2
    add_arch<xsimd::sse2, T>(false);
#endif
#if RECTIFY_HAS_SIMD && XSIMD_WITH_FMA3_AVX2
    add_arch<xsimd::fma3<xsimd::avx2>, T>(false);
#elif RECTIFY_HAS_SIMD && XSIMD_WITH_AVX2
    add_arch<xsimd::avx2, T>(false);
#endif
#if RECTIFY_HAS_SIMD && XSIMD_WITH_AVX512BW
    add_arch<xsimd::avx512bw, T>(false);
#elif RECTIFY_HAS_SIMD && XSIMD_WITH_AVX512F
    add_arch<xsimd::avx512f, T>(false);
#endif
#if RECTIFY_HAS_SIMD && XSIMD_WITH_NEON64
    add_arch<xsimd::neon64, T>(false);
#endif
}

template <class T>
void add_memcpy() {
    add<T>("memcpy", "memcpy", traffic::unary, [](std::size_t n) {
        auto& a = arrays<T>::get();
        return [n, &a] { std::memcpy(a.out, a.x, n * sizeof(T)); };
    });
}

}  // namespace

void register_rectify() {
    add_memcpy<float>();
    add_memcpy<double>();
    add_all_arches<float>();
    add_all_arches<double>();
}

}  // namespace bench
