// tests/test_arch_limits.cpp — what the hardware under each arch does that the kernels depend on:
// whether mul_add rounds once (detail::fused_fma picks the exp kernels' error-free steps by it).
#include "support.hpp"

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
}
