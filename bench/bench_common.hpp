// bench/bench_common.hpp — what every benchmark of rectify_bench shares: the sizes, the input
// arrays, the naming scheme and the counters.
//
// Names are `BM_<kernel>_<f32|f64>/<implementation>/<elements>`, e.g.
// `BM_elu_forward_f32/rectify_avx512bw/16384`, so `--benchmark_filter=BM_elu_forward_f32/` picks
// one family and `/xnnpack/` one implementation. The ceiling is the family `BM_memcpy_<type>`:
// memcpy of n elements (n read, n written). Each benchmark reports
//   items_per_second  elements processed per second
//   bytes_per_second  bytes read plus bytes written per second (forward: 2n, backward: 3n)
// and bench/report.py divides bytes_per_second by memcpy's at the same size and type, from the
// same run, for the ratio to memcpy.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <vector>

namespace bench {

/// 1 Ki, 16 Ki, 256 Ki, 4 Mi, 64 Mi elements: L1, L2, last-level cache, DRAM (and DRAM again for
/// double at 4 Mi). Sizes are multiples of 64 so PReLU shapes divide them.
inline const std::vector<std::size_t>& sizes() {
    static const std::vector<std::size_t> s{1u << 10, 1u << 14, 1u << 18, 1u << 22, 1u << 26};
    return s;
}

/// Channels of the PReLU shapes: NCHW {1, 64, n/64}, NHWC {n/64, 64, 1}.
constexpr std::size_t prelu_channels = 64;
constexpr double leaky_alpha = 0.01;
constexpr double elu_alpha = 1.0;
/// CELU's α: at 1 CELU is ELU, so oneDNN's and XNNPACK's ELU (neither has CELU) compute it too.
constexpr double celu_alpha = 1.0;

template <class T>
constexpr const char* type_name() {
    return sizeof(T) == 4 ? "f32" : "f64";
}

/// The arrays, allocated once per element type at the largest size (64 Mi doubles: 512 MiB each,
/// 2 GiB in all for double), page-aligned and touched before any timing. Inputs are uniform in
/// [-4, 4] (half negative, a fixed seed) and shared by every kernel; outputs are never inputs,
/// so no benchmark changes another's data. backward_from_output reads the same array as its y.
template <class T>
struct arrays {
    T* x;       // input (x, or y for backward_from_output)
    T* dy;      // incoming gradient
    T* out;     // y, or dx
    T* slopes;  // PReLU slopes, prelu_channels of them
    T* dslopes;

    static arrays& get() {
        static arrays a = make();
        return a;
    }

private:
    static T* allocate(std::size_t n) {
        const std::size_t bytes = (n * sizeof(T) + 4095) / 4096 * 4096;
        void* p = std::aligned_alloc(4096, bytes);
        if (!p) throw std::bad_alloc();
        std::memset(p, 0, bytes);  // fault every page in now, not inside a timed loop
        return static_cast<T*>(p);
    }
    static arrays make() {
        const std::size_t n = sizes().back();
        arrays a{allocate(n), allocate(n), allocate(n), allocate(64), allocate(64)};
        std::uint64_t state = 0x9e3779b97f4a7c15u;
        const auto uniform = [&state] {  // splitmix64 → [-4, 4)
            std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
            z ^= z >> 31;
            return T(double(z >> 11) * 0x1p-53 * 8.0 - 4.0);
        };
        for (std::size_t i = 0; i < n; ++i) a.x[i] = uniform();
        for (std::size_t i = 0; i < n; ++i) a.dy[i] = uniform();
        for (std::size_t i = 0; i < prelu_channels; ++i) a.slopes[i] = T(0.01 + 0.001 * i);
        return a;
    }
};

/// How many arrays of n elements one call reads and writes: 2 for forward and memcpy, 3 for
/// backward. PReLU's slopes are negligible and not counted.
enum class traffic : int { unary = 2, binary = 3 };

/// Registers `BM_<kernel>_<type>/<implementation>/<n>` for every size; `make(n)` returns the
/// callable timed (one call = one pass over n elements), built outside the timed loop.
template <class T, class Make>
void add(const std::string& kernel, const std::string& implementation, traffic t, Make make) {
    for (std::size_t n : sizes()) {
        const std::string name =
            "BM_" + kernel + "_" + type_name<T>() + "/" + implementation + "/" + std::to_string(n);
        benchmark::RegisterBenchmark(name.c_str(), [n, t, make](benchmark::State& state) {
            arrays<T>::get();  // allocation and filling stay out of the measurement
            std::function<void()> call = make(n);
            call();  // warm-up: JIT, first-touch, caches
            for (auto _ : state) {
                call();
                benchmark::ClobberMemory();
            }
            state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(n));
            state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(n) *
                                    std::int64_t(sizeof(T)) * static_cast<int>(t));
        });
    }
}

// One registration function per source file; main() calls those this build has.
void register_rectify();
void register_plain_loops();
void register_dynamic();  // RECTIFY_BENCH_HAVE_DYNAMIC
void register_xnnpack();  // RECTIFY_BENCH_HAVE_XNNPACK
void register_onednn();   // RECTIFY_BENCH_HAVE_ONEDNN
void register_eigen();    // RECTIFY_BENCH_HAVE_EIGEN

}  // namespace bench
