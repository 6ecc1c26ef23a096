// tests/accuracy.cpp — the ULP bounds of ELU and SELU, proven, not sampled.
//
// float32: every bit pattern where the function is not trivially exact, against double-precision
//   references (glibc's expm1/exp in double, correctly rounded to float on every one of 14.7
//   million MPFR-checked inputs: ../shared/XSIMD-NOTES.md):
//     ELU, ELU', SELU, SELU' on all 2^31 patterns x ≤ 0 (−0 … −inf, NaNs included);
//     SELU on all 2^31 patterns x > 0 (λ·x; ELU's x and both derivatives' constants are exact);
//     ELU and ELU' with α = 0.1 (not a float) on the same 2^31 negatives, every 7th pattern.
// float64: 10^7 inputs per function (half uniform on [−45, 0], half random bit patterns over
//   every negative double, and the positive side for SELU), against long double, or where long
//   double is double (32-bit ARM) against double-double (double_double.hpp).
// Asserted: at most 1 ULP from the correctly rounded result (the reference rounded to the type);
// printed: also the largest error in fractional ULPs, the number the README quotes.
// Runs on the default instruction set of the build; --arch NAME picks another one the build
// enables (xsimd's name, or "scalar"; --scalar is --arch scalar), --arch all runs every one of
// them in turn. The forced archs matter: an arch whose multiply-add is not fused (sse2 … avx2)
// takes other code paths (Cody-Waite, Dekker) than the default arch of an FMA build.
#include <rectify/rectify.hpp>

#include "double_double.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string arch = rectify::arch_name();  // the arch the sweeps run on
bool peers = false;  // --peers: also measure what users would otherwise use (not asserted)
std::uint32_t sparse = 1;  // --sparse N: every Nth float pattern, 10^7/N doubles (emulated targets)

// A peer implementation: a plain function over an array, measured with the same sweep.
struct peer {
    void (*run)(const float*, float*, std::size_t);
};
void apply(bool, const peer& p, const float* x, float* y, std::size_t n) { p.run(x, y, n); }

// The scalar loop and every xsimd arch the compiler flags enable that has batches of S (32-bit
// NEON has none of double: xsimd 8.1 declares the register, as an invalid one).
template <class S, class A>
constexpr bool runs_on() {
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_NEON
    if constexpr (std::is_same<A, xsimd::neon>::value && std::is_same<S, double>::value) return false;
#endif
    if constexpr (!std::is_same<A, rectify::scalar>::value) return xsimd::types::has_simd_register<S, A>::value;
#endif
    return true;
}
template <class S, class Fn>
void for_each_arch(Fn&& fn) {
    if (runs_on<S, rectify::scalar>()) fn(rectify::scalar{});
#if RECTIFY_HAS_SIMD
    xsimd::supported_architectures::for_each([&](auto a) {
        if constexpr (runs_on<S, decltype(a)>()) fn(a);
    });
#endif
}

// Whether rectify promises its contract on arch A: not on 32-bit NEON, which flushes subnormals
// (README, "32-bit ARM"; test_arch_limits.cpp holds it to what it does). `--arch all` sweeps the
// others; a limited arch is swept only when named.
template <class A>
constexpr bool contract_arch() {
#if RECTIFY_HAS_SIMD && XSIMD_WITH_NEON && !XSIMD_WITH_NEON64
    if constexpr (std::is_same<A, xsimd::neon>::value) return false;
#endif
    return true;
}

template <class F, class S>
void apply(bool derivative, const F& f, const S* x, S* y, std::size_t n) {
    bool ran = false;
    for_each_arch<S>([&](auto a) {
        using A = decltype(a);
        if (ran || arch != A::name()) return;
        ran = true;
        derivative ? rectify::derivative<A>(f, x, y, n) : rectify::forward<A>(f, x, y, n);
    });
    if (!ran) std::abort();  // main checked the name
}
template <class S>
bool enabled(const std::string& name) {
    bool found = false;
    for_each_arch<S>([&](auto a) { found = found || name == decltype(a)::name(); });
    return found;
}

// Position of a value on the number line in ULP steps (monotone over ±0, subnormals, infinities).
template <class S>
std::int64_t ordinal(S v) {
    using I = std::conditional_t<sizeof(S) == 4, std::int32_t, std::int64_t>;
    I i;
    std::memcpy(&i, &v, sizeof i);
    const I magnitude = i & std::numeric_limits<I>::max();
    return i < 0 ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
}

struct error_stats {
    double max_fraction = 0;   // |ours − exact| / ulp(exact), ulp of exact's binade
    std::int64_t max_steps = 0;  // ULP steps from the correctly rounded result
    double worst_x = 0, worst_fraction_x = 0;
    std::size_t checked = 0;
    void merge(const error_stats& o) {
        if (o.max_fraction > max_fraction) max_fraction = o.max_fraction, worst_fraction_x = o.worst_fraction_x;
        if (o.max_steps > max_steps) max_steps = o.max_steps, worst_x = o.worst_x;
        checked += o.checked;
    }
};

template <class S, class R>
void record(error_stats& e, S x, S ours, R exact) {
    ++e.checked;
    if (std::isnan(exact)) {
        if (!std::isnan(ours)) e.max_steps = 1 << 30, e.worst_x = x;
        return;
    }
    const S rounded = static_cast<S>(exact);
    const std::int64_t steps = std::llabs(ordinal(ours) - ordinal(rounded));
    if (steps > e.max_steps) e.max_steps = steps, e.worst_x = x;
    if (std::isinf(rounded) || exact == 0) return;
    int exponent;
    std::frexp(exact, &exponent);
    const int digits = std::numeric_limits<S>::digits, min_exp = std::numeric_limits<S>::min_exponent;
    const R ulp = std::ldexp(R(1), std::max(exponent, min_exp) - digits);
    const double fraction = double(std::fabs(R(ours) - exact) / ulp);
    if (fraction > e.max_fraction) e.max_fraction = fraction, e.worst_fraction_x = double(x);
}

// The same for a double-double reference (S = double): hi is the correctly rounded value, hi + lo
// the exact one.
template <class S>
void record(error_stats& e, S x, S ours, rectify_test::dd::number exact) {
    ++e.checked;
    if (std::isnan(exact.hi)) {
        if (!std::isnan(ours)) e.max_steps = 1 << 30, e.worst_x = x;
        return;
    }
    const std::int64_t steps = std::llabs(ordinal(ours) - ordinal(exact.hi));
    if (steps > e.max_steps) e.max_steps = steps, e.worst_x = x;
    if (std::isinf(exact.hi) || exact.hi == 0) return;
    int exponent;
    std::frexp(exact.hi, &exponent);
    const double ulp = std::ldexp(1.0, std::max(exponent, DBL_MIN_EXP) - DBL_MANT_DIG);
    const double fraction = std::fabs((ours - exact.hi) - exact.lo) / ulp;  // ours − hi is exact
    if (fraction > e.max_fraction) e.max_fraction = fraction, e.worst_fraction_x = x;
}

// c·(e^x − 1), c·e^x and c·x for double x: in long double where it is wider than double, else in
// double-double (glibc's double expm1 and exp are within 1 ULP, not correctly rounded).
constexpr bool long_double_is_double = std::numeric_limits<long double>::digits <= DBL_MANT_DIG;
auto reference_expm1(long double c) {
    return [c](long double x) {
        if constexpr (long_double_is_double) return rectify_test::dd::scaled_expm1(double(c), double(x));
        else return c * std::expm1(x);
    };
}
auto reference_exp(long double c) {
    return [c](long double x) {
        if constexpr (long_double_is_double) return rectify_test::dd::scaled_exp(double(c), double(x));
        else return c * std::exp(x);
    };
}
auto reference_product(long double c) {
    return [c](long double x) {
        if constexpr (long_double_is_double) {
            const double p = double(c) * double(x);  // rounded; the error exactly, where p is finite
            return rectify_test::dd::number{p, std::isfinite(p) ? std::fma(double(c), double(x), -p) : 0.0};
        } else {
            return c * x;
        }
    };
}

// Every float bit pattern in [first, last), on two threads.
template <class F, class Ref>
error_stats sweep_float(const F& f, bool derivative, std::uint32_t first, std::uint64_t last,
                        std::uint32_t stride, Ref reference) {
    stride *= sparse;
    auto part = [&](std::uint64_t lo, std::uint64_t hi, error_stats& e) {
        constexpr std::size_t chunk = 4096;
        std::vector<float> x(chunk), y(chunk);
        for (std::uint64_t b = lo; b < hi; b += chunk * stride) {
            std::size_t m = 0;
            for (std::uint64_t u = b; u < hi && m < chunk; u += stride, ++m) {
                const std::uint32_t bits = static_cast<std::uint32_t>(u);
                std::memcpy(&x[m], &bits, 4);
            }
            apply(derivative, f, x.data(), y.data(), m);
            for (std::size_t i = 0; i < m; ++i) record(e, x[i], y[i], reference(double(x[i])));
        }
    };
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<error_stats> stats(threads);
    std::vector<std::thread> pool;
    const std::uint64_t span = (last - first + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        std::uint64_t lo = first + t * span;
        lo += (stride - (lo - first) % stride) % stride;  // keep the stride's grid
        const std::uint64_t hi = std::min<std::uint64_t>(last, first + (t + 1) * span);
        pool.emplace_back(part, lo, hi, std::ref(stats[t]));
    }
    error_stats all;
    for (unsigned t = 0; t < threads; ++t) pool[t].join(), all.merge(stats[t]);
    return all;
}

template <class F, class Ref>
error_stats sample_double(const F& f, bool derivative, bool positive, Ref reference) {
    const std::size_t n = 10'000'000 / sparse;
    std::vector<double> x(n), y(n);
    std::mt19937_64 rng(20261123);
    std::uniform_real_distribution<double> near(-45.0, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        double v;
        if (i % 2 == 0) {
            v = near(rng);
        } else {
            const std::uint64_t bits = rng() & 0x7fffffffffffffffull;
            std::memcpy(&v, &bits, 8);
        }
        if (std::isnan(v)) v = -1.0;
        x[i] = positive ? std::fabs(v) : -std::fabs(v);
    }
    apply(derivative, f, x.data(), y.data(), n);
    error_stats e;
    for (std::size_t i = 0; i < n; ++i) record(e, x[i], y[i], reference(static_cast<long double>(x[i])));
    return e;
}

int failures = 0, passes = 0;
void report(const char* name, const char* inputs, const error_stats& e, bool asserted = true) {
    const bool ok = e.max_steps <= 1;
    if (asserted) (ok ? passes : failures)++;
    char where[64] = "";
    if (!ok) std::snprintf(where, sizeof where, " at x = %a", e.worst_x);
    std::printf("%-5s %-26s %-34s max %.3f ULP (x = %a), %lld ULP from correctly rounded%s (%zu inputs)\n",
                asserted ? (ok ? "ok" : "FAIL") : "peer", name, inputs, e.max_fraction,
                e.worst_fraction_x, static_cast<long long>(e.max_steps), where, e.checked);
    std::fflush(stdout);
}

// Every asserted sweep, on the arch named by `arch`.
void sweep_all() {
    std::printf("rectify accuracy, %s%s\n", arch.c_str(),
                sparse > 1 ? (", every " + std::to_string(sparse) + "th input").c_str() : "");
    // SELU's constants as the library defines them: λ and α rounded to double, λα = λ·α formed
    // in double (the contract); the bound is against those exact values.
    const long double lambda = rectify::selu::lambda;
    const long double lambda_alpha = rectify::selu::lambda_alpha;
    const double la = static_cast<double>(lambda_alpha);
    const rectify::elu elu;
    const rectify::elu elu_01{0.1};
    const rectify::selu selu;
    constexpr std::uint32_t minus_zero = 0x80000000u;
    constexpr std::uint64_t past_minus_nan = 0x100000000ull, past_plus_inf = 0x7f800001u;
    const char* negatives = sparse > 1 ? "float: x <= 0 (and NaNs), sparse" : "float: all 2^31 x <= 0 (and NaNs)";

    report("elu float", negatives, sweep_float(elu, false, minus_zero, past_minus_nan, 1, [](double x) { return std::expm1(x); }));
    report("elu' float", negatives, sweep_float(elu, true, minus_zero, past_minus_nan, 1, [](double x) { return std::exp(x); }));
    report("selu float, x <= 0", negatives, sweep_float(selu, false, minus_zero, past_minus_nan, 1, [&](double x) { return la * std::expm1(x); }));
    report("selu' float, x <= 0", negatives, sweep_float(selu, true, minus_zero, past_minus_nan, 1, [&](double x) { return la * std::exp(x); }));
    report("selu float, x > 0", "float: all 2^31 x > 0 (and +inf)", sweep_float(selu, false, 1, past_plus_inf, 1, [&](double x) { return double(lambda * x); }));
    report("elu alpha=0.1 float", "float: every 7th x <= 0", sweep_float(elu_01, false, minus_zero, past_minus_nan, 7, [](double x) { return 0.1 * std::expm1(x); }));
    report("elu' alpha=0.1 float", "float: every 7th x <= 0", sweep_float(elu_01, true, minus_zero, past_minus_nan, 7, [](double x) { return 0.1 * std::exp(x); }));

    if (!enabled<double>(arch)) {
        std::printf("(%s has no batches of double)\n", arch.c_str());
        return;
    }
    const char* doubles = "double: 10^7 x <= 0";
    report("elu double", doubles, sample_double(elu, false, false, reference_expm1(1)));
    report("elu' double", doubles, sample_double(elu, true, false, reference_exp(1)));
    report("selu double, x <= 0", doubles, sample_double(selu, false, false, reference_expm1(lambda_alpha)));
    report("selu' double, x <= 0", doubles, sample_double(selu, true, false, reference_exp(lambda_alpha)));
    report("selu double, x > 0", "double: 10^7 x > 0", sample_double(selu, false, true, reference_product(lambda)));
    report("elu alpha=0.1 double", doubles, sample_double(elu_01, false, false, reference_expm1(0.1)));
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--scalar") arch = "scalar";
        else if (std::string(argv[i]) == "--arch" && i + 1 < argc) arch = argv[++i];
        else if (std::string(argv[i]) == "--peers") peers = true;
        else if (std::string(argv[i]) == "--sparse" && i + 1 < argc) sparse = std::stoul(argv[++i]);
    if (arch == "all") {
        // float lists every arch (double's are a subset).
        std::vector<std::string> names;
        for_each_arch<float>([&](auto a) {
            if (contract_arch<decltype(a)>()) names.push_back(decltype(a)::name());
        });
        for (const auto& name : names) arch = name, sweep_all();
        arch = rectify::arch_name();
    } else if (enabled<float>(arch)) {
        sweep_all();
    } else {
        std::fprintf(stderr, "accuracy: this build enables no arch named '%s'; it has:", arch.c_str());
        for_each_arch<float>([](auto a) { std::fprintf(stderr, " %s", decltype(a)::name()); });
        std::fprintf(stderr, " (or all)\n");
        return 2;
    }
    if (peers) {
        // What the README compares against, measured the same way on every 7th negative float.
        const double la = static_cast<double>(rectify::selu::lambda_alpha);
        constexpr std::uint32_t minus_zero = 0x80000000u;
        constexpr std::uint64_t past_minus_nan = 0x100000000ull;
        const char* every7 = "float: every 7th x <= 0";
        std::printf("peers (measured, not asserted):\n");
        const peer glibc_expm1f{[](const float* x, float* y, std::size_t n) {
            for (std::size_t i = 0; i < n; ++i) y[i] = std::expm1(x[i]);
        }};
        const peer plain_selu{[](const float* x, float* y, std::size_t n) {
            // float constants, as a port of ONNX's defaults would write it
            const float lambda_f = 1.0507009873554805f, alpha_f = 1.6732632423543772f;
            for (std::size_t i = 0; i < n; ++i) y[i] = lambda_f * (alpha_f * std::expm1(x[i]));
        }};
        const peer exp_minus_one{[](const float* x, float* y, std::size_t n) {
            for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(x[i]) - 1.0f;
        }};
        report("glibc expm1f", every7, sweep_float(glibc_expm1f, false, minus_zero, past_minus_nan, 7, [](double x) { return std::expm1(x); }), false);
        report("float SELU, expm1f", every7, sweep_float(plain_selu, false, minus_zero, past_minus_nan, 7, [&](double x) { return la * std::expm1(x); }), false);
        report("expf(x) - 1", every7, sweep_float(exp_minus_one, false, minus_zero, past_minus_nan, 7, [](double x) { return std::expm1(x); }), false);
#if RECTIFY_HAS_SIMD
        const peer xsimd_expm1{[](const float* x, float* y, std::size_t n) {
            using B = xsimd::batch<float>;
            std::size_t i = 0;
            for (; i + B::size <= n; i += B::size) xsimd::expm1(B::load_unaligned(x + i)).store_unaligned(y + i);
            for (; i < n; ++i) y[i] = std::expm1(x[i]);
        }};
        report("xsimd::expm1", every7, sweep_float(xsimd_expm1, false, minus_zero, past_minus_nan, 7, [](double x) { return std::expm1(x); }), false);
#endif
    }
    std::printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
