// bench/bench_dynamic.cpp — rectify::dynamic (rectify/dynamic.hpp), the same kernels as
// bench_rectify.cpp through the runtime-dispatch library: at the arch it picks (`dynamic`) and
// forced to each one this CPU runs (`dynamic_sse2`, `dynamic_avx2`, `dynamic_avx512bw`, …),
// to set beside `rectify_<arch>`, the compile-time call at the same arch. The arch is set when a
// benchmark starts, outside the timed loop.
#include <rectify/dynamic.hpp>

#include <sstream>

#include "activation_traits.hpp"
#include "bench_common.hpp"

namespace bench {
namespace {

// "avx2" → "dynamic_avx2": the arch by the name RECTIFY_ARCH takes (detail::runnable_archs()).
std::string implementation_name(const std::string& arch) {
    if (arch.empty()) return "dynamic";
    std::string s = "dynamic_" + arch;
    for (char& c : s)
        if (c == '+') c = '_';
    return s;
}

/// Selects `arch` (empty: the library's own choice, which the first call made) when a benchmark
/// of it starts.
void select(const std::string& arch, const std::string& chosen) {
    rectify::dynamic::detail::use_arch(arch.empty() ? chosen.c_str() : arch.c_str());
}

template <class T, class F>
void add_activation(const std::string& name, const F& f, const std::string& arch, const std::string& chosen) {
    const std::string impl = implementation_name(arch);
    add<T>(name + "_forward", impl, traffic::unary, [f, arch, chosen](std::size_t n) {
        auto& a = arrays<T>::get();
        select(arch, chosen);
        return [f, n, &a] { rectify::dynamic::forward(f, a.x, a.out, n); };
    });
    add<T>(name + "_backward", impl, traffic::binary, [f, arch, chosen](std::size_t n) {
        auto& a = arrays<T>::get();
        select(arch, chosen);
        return [f, n, &a] { rectify::dynamic::backward(f, a.x, a.dy, a.out, n); };
    });
}

template <class T>
void add_prelu(const std::string& layout, const std::string& arch, const std::string& chosen) {
    const bool nchw = layout == "nchw";
    add<T>("prelu_" + layout + "_forward", implementation_name(arch), traffic::unary,
           [nchw, arch, chosen](std::size_t n) {
               auto& a = arrays<T>::get();
               select(arch, chosen);
               const rectify::channel_shape s = nchw ? rectify::channel_shape{1, prelu_channels, n / prelu_channels}
                                                     : rectify::channel_shape{n / prelu_channels, prelu_channels, 1};
               return [s, &a] { rectify::dynamic::prelu_forward(a.x, a.slopes, a.out, s); };
           });
}

template <class T>
void add_arch(const std::string& arch, const std::string& chosen) {
    rectify_test::for_each_activation_type([&](auto tag) {
        using F = typename decltype(tag)::type;
        add_activation<T>(rectify_test::traits<F>::name, F{}, arch, chosen);
    });
    add_prelu<T>("nchw", arch, chosen);
    add_prelu<T>("nhwc", arch, chosen);
}

}  // namespace

void register_dynamic() {
    const std::string chosen = rectify::dynamic::arch_name();  // before any use_arch: RECTIFY_ARCH or the best
    std::vector<std::string> archs = {""};
    std::stringstream runnable(rectify::dynamic::detail::runnable_archs());
    for (std::string arch; std::getline(runnable, arch, ',');) {
        rectify::dynamic::detail::use_arch(arch.c_str());
        archs.push_back(rectify::dynamic::arch_name());  // the full name: "fma3+avx2"
    }
    for (const std::string& arch : archs) {
        add_arch<float>(arch, chosen);
        add_arch<double>(arch, chosen);
    }
}

}  // namespace bench
