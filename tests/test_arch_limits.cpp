// tests/test_arch_limits.cpp — what the hardware under each arch does that the kernels depend on:
// whether mul_add rounds once (detail::fused_fma picks the exp kernels' error-free steps by it),
// and, for 32-bit NEON, the flush to zero that keeps it out of the default arch and out of the
// contract batteries (README, "32-bit ARM"): there it is held to what the README says it does.
#include "support.hpp"

#include <cfloat>
#include <cmath>
#include <string>

using namespace rectify_test;

TEMPLATE_TEST_CASE("fused_fma says whether mul_add rounds once, on every arch", "[fma]", float, double) {
    // Claiming a fused fma where xsimd computes a product and a sum (32-bit NEON without VFPv4)
    // makes the reduction r = x − n·ln2 inexact. (1 + e)² − (1 + 2e) is e² exactly, and 0 when the
    // product is rounded first (e² is at most half an ulp of 1 + 2e; for float a tie, to even).
    using T = TestType;
    const T e = sizeof(T) == 4 ? T(0x1p-12) : T(0x1p-27);
    volatile T a_in = T(1) + e, c_in = -(T(1) + 2 * e);  // opaque: nothing is folded at compile time
    const T a = a_in, c = c_in;
    const auto check = [&](auto arch) {
        using A = decltype(arch);
        T result = 0;
        if constexpr (std::is_same<A, rectify::scalar>::value) {
            result = rectify::detail::mul_add(a, a, c);
        } else {
#if RECTIFY_HAS_SIMD
            using B = xsimd::batch<T, A>;
            result = rectify::detail::mul_add(B(a), B(a), B(c)).get(0);
#endif
        }
        const bool fused = result != 0;
        INFO(A::name() << ": mul_add gives " << show(result) << ", fused_fma<" << (sizeof(T) == 4 ? "float" : "double")
                       << "> says " << (arch_fused_fma<T, A>() ? "fused" : "not fused"));
        // A compiler that contracts a·b + c on its own may fuse the unfused form too.
        if (arch_fused_fma<T, A>() || !compiler_contracts()) CHECK(fused == arch_fused_fma<T, A>());
        if (fused) CHECK(result == e * e);
    };
    for_each_arch<T>(check);
    for_each_arch<T>(limited_archs{}, check);
}

namespace {

/// Inputs and gradients whose every result and intermediate stays clear of the subnormals in
/// float: x in ±[1e-6, 60] (e^−60·0.1·1e-3 is 8.7e-31) and the specials that stay normal or are
/// exact (±0, ±1, ELU's tail points, ±FLT_MAX, ±inf, NaN); dy in ±[1e-3, 4] and the same
/// specials. Below x = −87.3 e^x itself is subnormal.
std::vector<float> normal_range(std::size_t n, std::uint64_t seed, double magnitude_min, double magnitude_max) {
    const float specials[] = {0.f, -0.f, 1.f, -1.f, -16.5f, -17.5f, -21.f, -30.f, FLT_MAX, -FLT_MAX,
                              std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                              std::numeric_limits<float>::quiet_NaN()};
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> log_magnitude(std::log(magnitude_min), std::log(magnitude_max));
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (rng() % 16 == 0) v[i] = specials[rng() % (sizeof specials / sizeof specials[0])];
        else v[i] = static_cast<float>((rng() % 2 ? 1 : -1) * std::exp(log_magnitude(rng)));
    }
    return v;
}

}  // namespace

TEST_CASE("32-bit NEON, forced: the scalar loop's results wherever nothing is subnormal", "[neon32]") {
    const std::size_t n = 4099;
    const auto x = normal_range(n, 21, 1e-6, 60);
    const auto dy = normal_range(n, 22, 1e-3, 4);
    for_each_arch<float>(limited_archs{}, [&](auto arch) {
        using A = decltype(arch);
        for_each_activation([&](const char* name, const auto& f) {
            for (direction d : all_directions) {
                if (!offers<float>(f, d)) continue;
                std::vector<float> a = x;
                if (d == direction::backward_from_output)
                    rectify::forward<rectify::scalar>(f, x.data(), a.data(), n);
                const auto expected = apply<rectify::scalar>(d, f, a, dy);
                const auto got = apply<A>(d, f, a, dy);
                // Inputs in a normal range can still have a subnormal f(x) or f'(x) (tanh'(45)):
                // those elements are the next test's.
                const auto value = apply<rectify::scalar>(direction::forward, f, a);
                const auto slope = apply<rectify::scalar>(direction::derivative, f, a);
                const auto subnormal = [](float v) { return v != 0 && std::fabs(v) < FLT_MIN; };
                // Bit for bit where both round a·b + c alike, as in test_simd_vs_scalar.
                const std::int64_t allowed = allowed_ulps<float, A>(f, d);
                failures bad;
                for (std::size_t i = 0; i < n; ++i)
                    if (subnormal(value[i]) || subnormal(slope[i]) || subnormal(expected[i])) continue;
                    else if (allowed == 0 ? !same(got[i], expected[i]) : ulps(got[i], expected[i]) > allowed)
                        bad.add("x = ", show(a[i]), ", dy = ", show(dy[i]), ": got ", show(got[i]),
                                ", scalar ", show(expected[i]), " (", allowed, " ULP allowed)");
                check_none(std::string(name) + " " + name_of(d) + " on " + A::name(), bad);
            }
        });
    });
}

TEST_CASE("32-bit NEON, forced: subnormal inputs, results and intermediates are flushed to zero", "[neon32]") {
    // What keeps it out of the default: ARMv7 Advanced SIMD arithmetic runs with flush-to-zero
    // whatever FPSCR.FZ says. If this fails, the arithmetic seen here keeps subnormals (an
    // emulator that does not model the flush?) and the test above proves nothing about hardware.
    using L = std::numeric_limits<float>;
    for_each_arch<float>(limited_archs{}, [&](auto arch) {
        using A = decltype(arch);
        INFO(A::name());
        const std::vector<float> x(7, -2 * L::denorm_min());
        // Leaky ReLU α = 0.5: 0.5·(−2·denorm_min) is −denorm_min exactly; the flushed input gives −0.
        const auto leaky = apply<A>(direction::forward, rectify::leaky_relu{0.5}, x);
        CHECK(apply<rectify::scalar>(direction::forward, rectify::leaky_relu{0.5}, x)[0] == -L::denorm_min());
        CHECK(leaky[0] == 0);
        CHECK(std::signbit(leaky[0]));
        // ELU′(−95) = e^−95 = 5.5e-42, a subnormal result: flushed to +0.
        const auto deep = apply<A>(direction::derivative, rectify::elu{}, std::vector<float>(7, -95.f));
        CHECK(apply<rectify::scalar>(direction::derivative, rectify::elu{}, std::vector<float>(7, -95.f))[0] > 0);
        CHECK(deep[0] == 0);
        // NaN still propagates (as the default NaN).
        const auto nan = apply<A>(direction::forward, rectify::relu{}, std::vector<float>(7, L::quiet_NaN()));
        CHECK(std::isnan(nan[0]));
    });
}
