// tests/archs.hpp — the instruction sets this build can run, for the Catch2 tests and the accuracy
// sweep alike (Catch2-free).
//
// tested_archs: the scalar loop, every xsimd arch of the list below the compiler flags enable, and
// the default arch, which newer xsimd releases may name beyond the list (avx512vnni<avx512vbmi2>,
// …). The list holds the archs with kernels of their own in xsimd or rectify; the others the flags
// enable (sse3, ssse3, sse4_1, avx512cd, avx512dq) are bases whose code their listed descendants
// run. At most one of the fma3 variants is on: xsimd 8.1 turns fma3<sse4_2> off once AVX is on.
// limited_archs: archs a program may force but for which rectify does not promise the contract.
#pragma once

#include <rectify/rectify.hpp>

#include <cstddef>
#include <type_traits>

namespace rectify_test {

template <class... A>
struct arch_list {};
template <class List, class A>
struct with_arch;
template <class... L, class A>
struct with_arch<arch_list<L...>, A> {
    using type = std::conditional_t<(std::is_same<L, A>::value || ...), arch_list<L...>, arch_list<L..., A>>;
};
#if RECTIFY_TEST_ARCHS_ENDS
// RECTIFY_TEST_ARCHS=ends (tests/CMakeLists.txt): the scalar loop, the lowest SIMD arch, AVX2 with
// FMA and the default arch only, for the setups that check a compiler, a mode or a release of xsimd
// rather than every arch (the native setup, the README's, tests every one).
using listed_archs = arch_list<rectify::scalar
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_SSE2
                               , xsimd::sse2
#endif
#if XSIMD_WITH_FMA3_AVX2
                               , xsimd::fma3<xsimd::avx2>
#endif
#if XSIMD_WITH_NEON64
                               , xsimd::neon64
#endif
#endif
                               >;
#else
using listed_archs = arch_list<rectify::scalar
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_SSE2
                               , xsimd::sse2
#endif
#if XSIMD_WITH_SSE4_2
                               , xsimd::sse4_2
#endif
#if XSIMD_WITH_FMA3_SSE
                               , xsimd::fma3<xsimd::sse4_2>
#endif
#if XSIMD_WITH_AVX
                               , xsimd::avx
#endif
#if XSIMD_WITH_FMA3_AVX
                               , xsimd::fma3<xsimd::avx>
#endif
#if XSIMD_WITH_AVX2
                               , xsimd::avx2
#endif
#if XSIMD_WITH_FMA3_AVX2
                               , xsimd::fma3<xsimd::avx2>
#endif
#if XSIMD_WITH_AVX512F
                               , xsimd::avx512f
#endif
#if XSIMD_WITH_AVX512BW
                               , xsimd::avx512bw
#endif
#if XSIMD_WITH_NEON64  // 32-bit NEON: limited_archs below
                               , xsimd::neon
                               , xsimd::neon64
#endif
#endif
                               >;
#endif
using tested_archs = typename with_arch<listed_archs, rectify::default_arch>::type;
/// 32-bit NEON, which flushes subnormal inputs, results and intermediates to zero (README,
/// "32-bit ARM"): test_arch_limits.cpp holds it to what the README says it does, and the accuracy
/// sweep runs on it only when named.
using limited_archs = arch_list<
#if RECTIFY_HAS_SIMD && XSIMD_WITH_NEON && !XSIMD_WITH_NEON64
    xsimd::neon
#endif
    >;

/// Elements per batch of arch A (scalar: 1).
template <class T, class A>
constexpr std::size_t batch_size() {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<A, rectify::scalar>::value) return xsimd::batch<T, A>::size;
#endif
    return 1;
}
/// Whether arch A has batches of T: 32-bit NEON has no double (xsimd 8.1 declares the register,
/// as an invalid one, so has_simd_register alone does not tell).
template <class T, class A>
constexpr bool arch_has() {
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_NEON
    if constexpr (std::is_same<A, xsimd::neon>::value && std::is_same<T, double>::value) return false;
#endif
    if constexpr (!std::is_same<A, rectify::scalar>::value)
        return xsimd::types::has_simd_register<T, A>::value;
#endif
    return true;
}
/// Whether the array functions on arch A round a·b + c once, as the scalar loop does or not.
template <class T, class A>
constexpr bool arch_fused_fma() {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<A, rectify::scalar>::value)
        return rectify::detail::fused_fma<xsimd::batch<T, A>>::value;
#endif
    return rectify::detail::fused_fma<T>::value;
}

/// Whether the compiler fuses a·b + c written as a product and a sum (GCC's default
/// -ffp-contract=fast in C++, ISO and GNU mode alike, when optimizing for a CPU with FMA; Clang's
/// default -ffp-contract=on within one expression). It then decides per inlined copy, so the same
/// source may round differently in the scalar loop and in an arch's loop even where both use fused
/// fma() for their own mul_add.
/// (1 + 2^-12)² = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11 (a tie, to even): unfused the sum is 0.
inline bool compiler_contracts() {
    volatile float a = 1 + 0x1p-12f, c = -(1 + 0x1p-11f);
    const float x = a, z = c;
    return x * x + z != 0;
}

template <class T, class A, class Fn>
void call_if_runs(Fn& fn) {
    if constexpr (arch_has<T, A>()) fn(A{});
}
/// fn(A{}) for every arch A of the list that has batches of T, in the list's order.
template <class T, class Fn, class... A>
void for_each_arch(arch_list<A...>, Fn&& fn) {
    (call_if_runs<T, A>(fn), ...);
}
/// fn(A{}) for every arch of this build that has batches of T, scalar first.
template <class T, class Fn>
void for_each_arch(Fn&& fn) {
    for_each_arch<T>(tested_archs{}, fn);
}

}  // namespace rectify_test
