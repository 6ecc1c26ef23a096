// tests/test_simd_vs_scalar.cpp — every instruction set the build enables against the scalar
// loop: every activation of the list (activation_traits.hpp) × float and double × the four array
// functions × every length from 0 to 3 batches + 1, the unrolled loop's edges and a few large odd
// ones × starts 0…3 elements past a 64-byte boundary × out of place and every in-place form
// (y == x, dx == x, dx == dy). Inputs are random with every special value mixed in, and the
// elements around each output are checked untouched.
//
// What is asserted, per arch (the strongest statement that holds, measured on all four targets),
// from each activation's traits: the bound of a direction is max_ulp (forward, derivative,
// backward) or from_output_max_ulp (backward_from_output);
//  - bound 0 (the formula computed in T: ReLU, Leaky ReLU, the from-output rules of ELU and
//    SELU): bit-identical (NaN matches NaN);
//  - bound 1 (ELU, SELU forward and derivative): bit-identical where the arch and the scalar loop
//    agree on whether a·b + c is fused (rectify::detail::fused_fma) and the compiler does not fuse
//    products and sums on its own (compiler_contracts(): GCC does by default in C++ when
//    optimizing for FMA, differently per inlined copy); else ≤ 1 ULP apart (each is ≤ 1 ULP from
//    the correctly rounded value; fused and unfused products round differently);
//  - the backward directions then ≤ 2 ULP where the derivatives may differ by 1 (dy·d and
//    dy·next(d) can round 2 ULP apart when d sits low in its binade and dy·d high).
// RECTIFY_TEST_REPORT=1 in the environment prints the measured maxima.
//
// Compiled as RECTIFY_TEST_SLICES units (tests/CMakeLists.txt), each for the activations of its
// slice (RECTIFY_TEST_SLICE). The test build lowers the streaming thresholds (tests/CMakeLists.txt),
// so that the non-temporal path runs on arrays this test can afford.

#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

using namespace rectify_test;

namespace {

enum class placement { separate, onto_input, onto_gradient };
const char* name_of(placement p) {
    return p == placement::separate     ? "out of place"
           : p == placement::onto_input ? "in place (out == x or y)"
                                        : "in place (dx == dy)";
}

/// 0 … 3 batches + 1, the first trip through the 4-batch unrolled loop, two trips and a tail, and
/// larger odd lengths: 509 (below the lowered streaming threshold in float and double), 1031
/// (above it in both). In optimized builds the default arch also runs 100003 elements (too slow
/// unoptimized, where none of xsimd's wrappers is inlined).
template <class T, class A>
std::vector<std::size_t> lengths() {
    const std::size_t N = std::max<std::size_t>(batch_size<T, A>(), 4);
    std::vector<std::size_t> v;
    for (std::size_t n = 0; n <= 3 * N + 1; ++n) v.push_back(n);
    for (std::size_t n : {4 * N - 1, 4 * N, 4 * N + 1, 8 * N + 3, std::size_t(509), std::size_t(1031)})
        v.push_back(n);
#ifdef __OPTIMIZE__
    if (std::is_same<A, rectify::default_arch>::value) v.push_back(100003);
#endif
    return v;
}
#ifdef __OPTIMIZE__
constexpr std::size_t max_length = 100003;
#else
constexpr std::size_t max_length = 1031;
#endif
/// The starts tried for length n: all four up to 1000 elements, then 0 and 3, and past 10^5 just 1
/// (the middle of a long array runs the same loop as a short one).
std::vector<std::size_t> offsets_for(std::size_t n) {
    if (n <= 1000) return {0, 1, 2, 3};
    if (n <= 100000) return {0, 3};
    return {1};
}

bool report_maxima() {
    const char* v = std::getenv("RECTIFY_TEST_REPORT");
    return v != nullptr && *v != '\0' && *v != '0';
}

}  // namespace

TEMPLATE_TEST_CASE(SLICED("every instruction set matches the scalar loop"), "[simd]", float, double) {
    using T = TestType;
    if (report_maxima())
        std::printf("default arch %s; the compiler fuses a*b + c on its own: %s\n", rectify::arch_name(),
                    compiler_contracts() ? "yes" : "no");
    const auto x = random_inputs<T>(max_length, 11);
    const auto dy = random_gradients<T>(max_length, 12);
    for_each_activation_in_slice<RECTIFY_TEST_SLICE, RECTIFY_TEST_SLICES>([&](const char* name, const auto& f) {
        for (direction d : all_directions) {
            if (!offers<T>(f, d)) continue;
            // backward_from_output reads outputs of the forward pass.
            std::vector<T> a = x;
            if (d == direction::backward_from_output)
                rectify::forward<rectify::scalar>(f, x.data(), a.data(), x.size());
            const T* g = takes_gradient(d) ? dy.data() : nullptr;
            std::map<std::string, std::pair<failures, std::int64_t>> results;  // per arch: failures, max ULPs
            std::vector<T> expected;
            // Lengths per arch differ (batch sizes); walk the union so the reference is computed once.
            std::vector<std::size_t> all_lengths;
            for_each_arch<T>([&](auto arch) {
                const auto l = lengths<T, decltype(arch)>();
                all_lengths.insert(all_lengths.end(), l.begin(), l.end());
            });
            std::sort(all_lengths.begin(), all_lengths.end());
            all_lengths.erase(std::unique(all_lengths.begin(), all_lengths.end()), all_lengths.end());
            for (std::size_t n : all_lengths) {
                expected.assign(n, T(0));
                apply<rectify::scalar>(d, f, a.data(), g, expected.data(), n);
                for_each_arch<T>([&](auto arch) {
                    using A = decltype(arch);
                    const auto mine = lengths<T, A>();
                    if (!std::binary_search(mine.begin(), mine.end(), n)) return;
                    auto& result = results[A::name()];
                    const std::int64_t allowed = allowed_ulps<T, A>(f, d);
                    std::vector<placement> placements = {placement::separate, placement::onto_input};
                    if (takes_gradient(d) && n <= 1000) placements.push_back(placement::onto_gradient);
                    for (std::size_t offset : offsets_for(n)) {
                        for (placement p : placements) {
                            auto in = placed(a.data(), n, offset);
                            auto grad = placed(g ? g : a.data(), n, offset);
                            // Out of place: the output starts at a different offset from the inputs.
                            guarded<T> separate(n, 3 - offset);
                            T* out = p == placement::separate ? separate.data()
                                     : p == placement::onto_input ? in.data() : grad.data();
                            apply<A>(d, f, in.data(), g ? grad.data() : nullptr, out, n);
                            const bool intact = in.intact() && grad.intact() && separate.intact();
                            if (!intact)
                                result.first.add(name_of(p), ", n = ", n, ", offset ", offset,
                                                 ": wrote outside the output");
                            if (n > 0 && std::memcmp(out, expected.data(), n * sizeof(T)) == 0) continue;  // identical
                            for (std::size_t i = 0; i < n; ++i) {
                                const std::int64_t u = ulps(out[i], expected[i]);
                                const bool ok = allowed == 0 ? same(out[i], expected[i]) : u <= allowed;
                                if (u != INT64_MAX) result.second = std::max(result.second, u);
                                if (!ok)
                                    result.first.add(name_of(p), ", n = ", n, ", offset ", offset, ", i = ", i,
                                                     ": input ", show(a[i]), g ? ", dy " + show(g[i]) : std::string(),
                                                     " gives ", show(out[i]), ", scalar ", show(expected[i]),
                                                     " (", allowed, " ULP allowed)");
                            }
                        }
                    }
                });
            }
            for (const auto& r : results) {
                if (report_maxima())
                    std::printf("%-18s %-6s %-21s %-18s max %lld ULP from scalar\n", name,
                                sizeof(T) == 4 ? "float" : "double", name_of(d), r.first.c_str(),
                                static_cast<long long>(r.second.second));
                check_none(std::string(name) + " " + name_of(d) + ", " + (sizeof(T) == 4 ? "float" : "double") +
                               " on " + r.first,
                           r.second.first);
            }
        }
    });
}
