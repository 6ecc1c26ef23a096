// tests/accuracy.cpp — the ULP bounds, proven, not sampled, for every activation of the list
// (activation_traits.hpp) that has a sweep coverage: its traits give the exact reference, the
// bound (max_ulp) and the inputs where the function is not trivially exact (swept<T>(f, d)), which
// are the inputs swept, for forward and derivative, each half of the number line a row:
//   float32: every bit pattern of the half (coverage exhaustive), or every 7th or 64th, NaNs
//     included, against the double reference (glibc's expm1/exp in double round correctly to
//     float on every one of 14.7 million inputs checked against MPFR; the smooth activations'
//     double formulas, and MPFR where those cancel: smooth_reference.hpp);
//   float64: coverage.doubles inputs per half (half uniform on [−45, 0] or [0, 45], half random bit
//     patterns of that sign), against long double, or where long double is double (32-bit ARM)
//     double-double (reference.hpp); the smooth activations against MPFR.
// Asserted: at most max_ulp ULP from the correctly rounded result (the reference rounded to the
// type); printed: also the largest error in fractional ULPs, the number tests/README.md quotes.
// Runs on the default instruction set of the build; --arch NAME picks another one the build
// enables (xsimd's name, or "scalar"; --scalar is --arch scalar), --arch all runs every one of
// tests/archs.hpp's tested_archs in turn. The forced archs matter: an arch whose multiply-add is
// not fused (sse2 … avx2) takes other code paths (Cody-Waite, Dekker) than the default arch of an
// FMA build. --sparse N checks every Nth float pattern and 1/N of the doubles; --exhaustive
// sweeps every float for every line with a coverage, whatever its coverage, and --doubles N takes
// N doubles per half for each; --only NAME runs the lines named NAME or NAME(…) alone; --peers
// also measures what users would otherwise use (not asserted).
#include "activation_traits.hpp"
#include "apply.hpp"
#include "archs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace rectify_test;

namespace {

std::string arch = rectify::arch_name();  // the arch the sweeps run on
bool peers = false;
std::uint32_t sparse = 1;
bool every_float = false;          // --exhaustive: every float for every line with a coverage
std::size_t doubles_override = 0;  // --doubles N: N doubles per half for those lines
std::string only;         // the lines named so (or so + "(…)"), else all

bool selected(const char* name) {
    const std::string n = name;
    return only.empty() || n == only || n.rfind(only + "(", 0) == 0;
}

/// Direction d (forward or derivative) of f on the arch named `arch`: one the build enables, or a
/// limited one (swept only when named).
template <class S, class F>
void run(direction d, const F& f, const S* x, S* y, std::size_t n) {
    bool ran = false;
    const auto on = [&](auto a) {
        using A = decltype(a);
        if (ran || arch != A::name()) return;
        ran = true;
        apply<A>(d, f, x, static_cast<const S*>(nullptr), y, n);
    };
    for_each_arch<S>(tested_archs{}, on);
    for_each_arch<S>(limited_archs{}, on);
    if (!ran) std::abort();  // main checked the name
}
template <class S>
bool enabled(const std::string& name) {
    bool found = false;
    const auto is = [&](auto a) { found = found || name == decltype(a)::name(); };
    for_each_arch<S>(tested_archs{}, is);
    for_each_arch<S>(limited_archs{}, is);
    return found;
}

struct error_stats {
    double max_fraction = 0;     // |ours − exact| / ulp(exact), ulp of exact's binade
    std::int64_t max_steps = 0;  // ULP steps from the correctly rounded result
    double worst_x = 0, worst_fraction_x = 0;
    std::size_t checked = 0;
    void merge(const error_stats& o) {
        if (o.max_fraction > max_fraction) max_fraction = o.max_fraction, worst_fraction_x = o.worst_fraction_x;
        if (o.max_steps > max_steps) max_steps = o.max_steps, worst_x = o.worst_x;
        checked += o.checked;
    }
    template <class S, class R>
    void record(S x, S ours, R exact) {
        ++checked;
        const S rounded_exact = rounded<S>(exact);
        const std::int64_t steps = std::isnan(rounded_exact) ? (std::isnan(ours) ? 0 : 1 << 30)
                                                              : std::llabs(ordinal(ours) - ordinal(rounded_exact));
        if (steps > max_steps) max_steps = steps, worst_x = double(x);
        const double fraction = std::isnan(rounded_exact) ? 0 : ulp_fraction(ours, exact);
        if (fraction > max_fraction) max_fraction = fraction, worst_fraction_x = double(x);
    }
};

/// stats(lo, hi) for [first, last) cut into one part per thread, merged.
template <class Part>
error_stats on_threads(std::uint64_t first, std::uint64_t last, Part part) {
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<error_stats> stats(threads);
    std::vector<std::thread> pool;
    const std::uint64_t span = (last - first + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        const std::uint64_t lo = std::min(last, first + t * span), hi = std::min(last, lo + span);
        pool.emplace_back([&part, &stats, t, lo, hi] {
            stats[t] = part(lo, hi);
            smooth::release_thread_caches();
        });
    }
    error_stats all;
    for (unsigned t = 0; t < threads; ++t) pool[t].join(), all.merge(stats[t]);
    return all;
}

/// Every stride-th float bit pattern in [first, last): kernel(x, y, n) against reference(x).
template <class Kernel, class Reference>
error_stats sweep_float(Kernel kernel, Reference reference, std::uint64_t first, std::uint64_t last,
                        std::uint32_t stride) {
    const std::uint64_t count = last > first ? (last - first + stride - 1) / stride : 0;
    return on_threads(0, count, [&](std::uint64_t lo, std::uint64_t hi) {
        constexpr std::size_t chunk = 4096;
        std::vector<float> x(chunk), y(chunk);
        error_stats e;
        for (std::uint64_t k = lo; k < hi; k += chunk) {
            const std::size_t m = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, hi - k));
            for (std::size_t i = 0; i < m; ++i) x[i] = from_bits<float>(static_cast<std::uint32_t>(first + (k + i) * stride));
            kernel(x.data(), y.data(), m);
            for (std::size_t i = 0; i < m; ++i) e.record(x[i], y[i], reference(x[i]));
        }
        return e;
    });
}

/// n doubles of the given sign inside `domain`: half uniform within 45 of 0, half random bit patterns.
std::vector<double> sample_doubles(std::size_t n, bool negative, interval<double> domain) {
    std::vector<double> x;
    x.reserve(n);
    std::mt19937_64 rng(20261123);
    std::uniform_real_distribution<double> near(0.0, 45.0);
    const double sign = negative ? -1 : 1;
    while (x.size() < n) {
        const double v = sign * (x.size() % 2 == 0 ? near(rng) : std::fabs(from_bits<double>(rng() & 0x7fffffffffffffffull)));
        if (!std::isnan(v) && domain.contains(v)) x.push_back(v);
    }
    return x;
}

int failures = 0, passes = 0;
void report(const std::string& name, const std::string& inputs, const error_stats& e, int bound, bool asserted = true) {
    const bool ok = e.max_steps <= bound;
    if (asserted) (ok ? passes : failures)++;
    char where[64] = "";
    if (!ok) std::snprintf(where, sizeof where, " at x = %a", e.worst_x);
    std::printf("%-5s %-28s %-36s max %.3f ULP (x = %a), %lld ULP from correctly rounded%s (%zu inputs)\n",
                asserted ? (ok ? "ok" : "FAIL") : "peer", name.c_str(), inputs.c_str(), e.max_fraction,
                e.worst_fraction_x, static_cast<long long>(e.max_steps), where, e.checked);
    std::fflush(stdout);
}

/// The float bit patterns of the half of `domain` with the given sign, [first, last): the NaNs of
/// that sign come with its infinity.
struct patterns {
    std::uint64_t first = 0, last = 0;
    bool whole = false;  // the whole half: all 2^31 patterns
};
patterns half_of(interval<float> domain, bool negative) {
    const float inf = std::numeric_limits<float>::infinity();
    patterns p;
    if (negative && std::signbit(domain.lo)) {
        const float near_end = std::signbit(domain.hi) ? domain.hi : -0.f;
        p = {bits(near_end), domain.lo == -inf ? 0x100000000ull : bits(domain.lo) + 1ull};
        p.whole = near_end == 0 && domain.lo == -inf;
    } else if (!negative && !std::signbit(domain.hi)) {
        const float near_end = std::signbit(domain.lo) ? 0.f : domain.lo;
        p = {bits(near_end), domain.hi == inf ? 0x80000000ull : bits(domain.hi) + 1ull};
        p.whole = near_end == 0 && !std::signbit(near_end) && domain.hi == inf;
    }
    if (p.last < p.first) p = {};
    return p;
}

std::string ordinal_suffix(std::uint32_t n) {
    const char* suffix = n % 100 / 10 == 1 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

/// 10000000 as "10^7"; other counts as they are.
std::string count_text(std::size_t n) {
    int k = 0;
    std::size_t m = n;
    while (m >= 10 && m % 10 == 0) m /= 10, ++k;
    return m == 1 && k > 1 ? "10^" + std::to_string(k) : std::to_string(n);
}

const char* side_name(bool negative) { return negative ? "x <= 0" : "x >= 0"; }

/// Every float row of one listed activation.
template <class F>
void sweep_floats(const listed<F>& a) {
    using Tr = traits<F>;
    if (!selected(a.name)) return;
    if (a.sweep.float_stride == 0) {
        std::printf("-     %-28s not swept (%s)\n", a.name,
                    Tr::max_ulp == 0 ? "the formula in T, bit for bit: test_semantics" : "no sweep coverage listed");
        return;
    }
    const std::uint32_t stride = (every_float ? 1 : a.sweep.float_stride) * sparse;
    for (direction d : {direction::forward, direction::derivative}) {
        for (bool negative : {true, false}) {
            const patterns p = half_of(Tr::template swept<float>(a.f, d), negative);
            if (p.last == p.first) continue;
            const std::string name = std::string(a.name) + (d == direction::derivative ? "'" : "") + " float, " + side_name(negative);
            std::string inputs = "float: " + (stride == 1 ? std::string(p.whole ? "all 2^31 " : "all ") : "every " + ordinal_suffix(stride) + " ") +
                                 side_name(negative) + (p.whole ? " (and NaNs)" : " in the swept range");
            const auto kernel = [&](const float* x, float* y, std::size_t n) { run(d, a.f, x, y, n); };
            const auto reference = [&](float x) { return exact(a.f, d, x); };
            report(name, inputs, sweep_float(kernel, reference, p.first, p.last, stride), Tr::max_ulp);
        }
    }
}

/// Every double row of one listed activation.
template <class F>
void sample_double_rows(const listed<F>& a) {
    using Tr = traits<F>;
    const std::size_t n = (doubles_override > 0 ? doubles_override : a.sweep.doubles) / sparse;
    if (!selected(a.name) || a.sweep.float_stride == 0 || n == 0) return;
    if (!reference_judges<F, double>()) {
        std::printf("%-28s not swept: no reference exact enough for double on this target\n", a.name);
        return;
    }
    for (direction d : {direction::forward, direction::derivative}) {
        for (bool negative : {true, false}) {
            const interval<double> domain = Tr::template swept<double>(a.f, d);
            if (domain.empty() || (negative ? !std::signbit(domain.lo) : std::signbit(domain.hi))) continue;
            const std::vector<double> x = sample_doubles(n, negative, domain);
            std::vector<double> y(n);
            run(d, a.f, x.data(), y.data(), n);
            const error_stats e = on_threads(0, n, [&](std::uint64_t lo, std::uint64_t hi) {
                error_stats part;
                for (std::uint64_t i = lo; i < hi; ++i) part.record(x[i], y[i], exact(a.f, d, x[i]));
                return part;
            });
            const std::string name = std::string(a.name) + (d == direction::derivative ? "'" : "") + " double, " + side_name(negative);
            report(name, "double: " + count_text(n) + " " + side_name(negative), e, Tr::max_ulp);
        }
    }
}

/// Every asserted sweep, on the arch named by `arch`.
void sweep_all() {
    std::printf("rectify accuracy, %s%s%s\n", arch.c_str(), every_float ? ", every float" : "",
                sparse > 1 ? (", every " + ordinal_suffix(sparse) + " input").c_str() : "");
    for_each_listed([](const auto& a) { sweep_floats(a); });
    if (!enabled<double>(arch)) {
        std::printf("(%s has no batches of double)\n", arch.c_str());
        return;
    }
    for_each_listed([](const auto& a) { sample_double_rows(a); });
}

/// What users would otherwise use, measured the same way on every 7th negative float.
void measure_peers() {
    const double la = static_cast<double>(rectify::selu::lambda_alpha);
    constexpr std::uint64_t minus_zero = 0x80000000u, past_minus_nan = 0x100000000ull;
    const char* every7 = "float: every 7th x <= 0";
    const auto expm1_reference = [](float x) { return std::expm1(double(x)); };
    const auto selu_reference = [la](float x) { return la * std::expm1(double(x)); };
    const auto sweep = [&](const char* name, void (*kernel)(const float*, float*, std::size_t), auto reference) {
        report(name, every7, sweep_float(kernel, reference, minus_zero, past_minus_nan, 7), 1, false);
    };
    std::printf("peers (measured, not asserted):\n");
    sweep("glibc expm1f", [](const float* x, float* y, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) y[i] = std::expm1(x[i]);
    }, expm1_reference);
    sweep("float SELU, expm1f", [](const float* x, float* y, std::size_t n) {
        // float constants, as a port of ONNX's defaults would write it
        const float lambda_f = 1.0507009873554805f, alpha_f = 1.6732632423543772f;
        for (std::size_t i = 0; i < n; ++i) y[i] = lambda_f * (alpha_f * std::expm1(x[i]));
    }, selu_reference);
    sweep("expf(x) - 1", [](const float* x, float* y, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(x[i]) - 1.0f;
    }, expm1_reference);
    // PyTorch's float formulas for the hard family (its CPU kernels), every float in (−3, 3):
    // the sum and the quotient each rounded, and hardswish′ = x/3 + 1/2, which cancels at −1.5.
    const auto hard = [&](const char* name, void (*kernel)(const float*, float*, std::size_t), auto reference) {
        constexpr std::uint64_t minus_three = 0xC0400000u, three = 0x40400000u;
        report(name, "float: every x in (-3, -0]", sweep_float(kernel, reference, minus_zero, minus_three, 1), 1, false);
        report(name, "float: every x in [+0, 3)", sweep_float(kernel, reference, 0, three, 1), 1, false);
    };
    hard("PyTorch hardsigmoid", [](const float* x, float* y, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) y[i] = std::min(std::max(x[i] + 3.0f, 0.0f), 6.0f) / 6.0f;
    }, [](float x) { return dd::div(dd::two_sum(x, 3), 6).hi; });
    hard("PyTorch hardswish", [](const float* x, float* y, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) y[i] = x[i] * std::min(std::max(x[i] + 3.0f, 0.0f), 6.0f) / 6.0f;
    }, [](float x) { return x == 0 ? double(x) : dd::div(dd::mul(dd::two_sum(x, 3), x), 6).hi; });
    hard("PyTorch hardswish'", [](const float* x, float* y, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) y[i] = x[i] / 3.0f + 0.5f;
    }, [](float x) { return dd::div(dd::two_sum(2.0 * x, 3), 6).hi; });
#if RECTIFY_HAS_SIMD
    sweep("xsimd::expm1", [](const float* x, float* y, std::size_t n) {
        using B = xsimd::batch<float>;
        std::size_t i = 0;
        for (; i + B::size <= n; i += B::size) xsimd::expm1(B::load_unaligned(x + i)).store_unaligned(y + i);
        for (; i < n; ++i) y[i] = std::expm1(x[i]);
    }, expm1_reference);
#endif
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--scalar") arch = "scalar";
        else if (std::string(argv[i]) == "--arch" && i + 1 < argc) arch = argv[++i];
        else if (std::string(argv[i]) == "--peers") peers = true;
        else if (std::string(argv[i]) == "--exhaustive") every_float = true;
        else if (std::string(argv[i]) == "--doubles" && i + 1 < argc) doubles_override = std::stoul(argv[++i]);
        else if (std::string(argv[i]) == "--only" && i + 1 < argc) only = argv[++i];
        else if (std::string(argv[i]) == "--sparse" && i + 1 < argc) sparse = std::max(1ul, std::stoul(argv[++i]));
    if (arch == "all") {
        // float lists every arch (double's are a subset).
        std::vector<std::string> names;
        for_each_arch<float>(tested_archs{}, [&](auto a) { names.push_back(decltype(a)::name()); });
        for (const auto& name : names) arch = name, sweep_all();
        arch = rectify::arch_name();
    } else if (enabled<float>(arch)) {
        sweep_all();
    } else {
        std::fprintf(stderr, "accuracy: this build enables no arch named '%s'; it has:", arch.c_str());
        const auto print = [](auto a) { std::fprintf(stderr, " %s", decltype(a)::name()); };
        for_each_arch<float>(tested_archs{}, print);
        for_each_arch<float>(limited_archs{}, print);
        std::fprintf(stderr, " (or all)\n");
        return 2;
    }
    if (peers) measure_peers();
    std::printf("%d passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
