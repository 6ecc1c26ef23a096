// tests/prelu_reference.hpp — what the PReLU and per-channel walk tests share: the shapes that
// reach every walk, slopes and inputs, PReLU's formulas written down again, the dslopes reference
// (a long double sum) and the bound its rounding must stay within.
#pragma once

#include "support.hpp"

namespace rectify_test {

using rectify::channel_shape;

template <class T, class A>
std::vector<std::size_t> inner_sizes() {
    const std::size_t N = batch_size<T, A>();
    // N … short_run_batches·N − 1 take the one-pass NCHW walks (N, 2N, 7N: runs of whole batches;
    // the others: a batch in one run, or straddling two); from short_run_batches·N on, and below N,
    // a contiguous walk per run.
    const std::size_t short_runs = rectify::detail::short_run_batches * N;
    std::vector<std::size_t> v = {1, 2, 3, N, N + 1, 2 * N, 4 * N + 3, 7 * N, short_runs - 1,
                                  short_runs, short_runs + 1, 1031};
    if (N > 1) v.push_back(N - 1);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

/// Channel counts of the NHWC shapes: multiples of N take the rows-of-whole-batches walk (N: single
/// batches; 5N: a block of four and a single one; 64; 600 for double on AVX-512: blocks a tile of
/// rows at a time), the others the periodic one, whose batches straddle rows (or span several).
template <class T, class A>
std::vector<std::size_t> nhwc_channel_counts() {
    const std::size_t N = batch_size<T, A>();
    return {2, N - 1 > 1 ? N - 1 : 3, N, N + 1, 2 * N + 3, 5 * N, 64, 600};
}

/// The slope of channel c: positive, negative, above 1, zero, one.
template <class T>
std::vector<T> slopes_for(std::size_t channels) {
    const T cycle[] = {T(0.25), T(-0.5), T(3), T(0), T(1), T(0.01f)};
    std::vector<T> s(channels);
    for (std::size_t c = 0; c < channels; ++c) s[c] = cycle[c % 6];
    return s;
}

inline std::size_t channel_of(const channel_shape& s, std::size_t i) {
    return i / s.inner % s.channels;
}

template <class T>
T reference_y(T x, T a) {
    return x > 0 ? x : a * x;
}
template <class T>
T reference_dx(T x, T a, T g) {
    return g * (x > 0 ? T(1) : std::isnan(x) ? x : a);
}

/// Finite inputs of moderate size: x uniform in [−4, 4], dy in [−2, 2].
template <class T>
std::vector<T> finite_values(std::size_t n, std::uint64_t seed, double half_width) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> dist(-half_width, half_width);
    std::vector<T> v(n);
    for (auto& e : v) e = static_cast<T>(dist(rng));
    return v;
}
/// Dyadic inputs, x = k/4 and dy = j/8 for small integers: every product is a multiple of 1/32
/// below 8 in magnitude, so every partial sum of fewer than 2^16 of them is exact in float, and
/// dslopes must equal the exact sum whatever the order of summation.
template <class T>
std::vector<T> dyadic_values(std::size_t n, std::uint64_t seed, T unit) {
    std::mt19937_64 rng(seed);
    std::vector<T> v(n);
    for (auto& e : v) e = T(static_cast<int>(rng() % 33) - 16) * unit;
    return v;
}

struct slope_sums {
    std::vector<long double> sum, magnitude;  // Σ x·dy over x ≤ 0, and Σ |x·dy|
    std::vector<std::size_t> terms;
};
template <class T>
slope_sums reference_dslopes(const channel_shape& s, const std::vector<T>& x, const std::vector<T>& dy) {
    slope_sums r{std::vector<long double>(s.channels), std::vector<long double>(s.channels),
                 std::vector<std::size_t>(s.channels)};
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::size_t c = channel_of(s, i);
        ++r.terms[c];
        if (x[i] > 0) continue;
        const long double p = static_cast<long double>(x[i]) * dy[i];
        r.sum[c] += p;
        r.magnitude[c] += std::fabs(p);
    }
    return r;
}

// The bound on dslopes[c]: m products, each rounded once in T (≤ u·|x·dy|), summed in any order
// in T: every term takes part in at most m − 1 roundings of partial sums, each ≤ u·(their size)
// ≤ u·Σ|x·dy| to first order (Higham, Accuracy and Stability, §4.2, for any summation tree). So
// |dslopes − Σ x·dy| ≤ (m + 1)·u·Σ|x·dy|, plus m half-subnormals for products that underflow.
template <class T>
long double dslopes_bound(std::size_t m, long double magnitude) {
    const long double u = std::numeric_limits<T>::epsilon() / 2;
    return (m + 1) * u * magnitude * (1 + 1e-3L) + m * std::numeric_limits<T>::denorm_min();
}

template <class T>
void check_dslopes(const std::string& what, const channel_shape& s, const std::vector<T>& x,
                   const std::vector<T>& dy, const T* dslopes, bool exact) {
    const auto r = reference_dslopes(s, x, dy);
    failures bad;
    for (std::size_t c = 0; c < s.channels; ++c) {
        const long double error = std::fabs(static_cast<long double>(dslopes[c]) - r.sum[c]);
        const bool ok = exact ? dslopes[c] == static_cast<T>(r.sum[c])
                              : error <= dslopes_bound<T>(r.terms[c], r.magnitude[c]);
        if (!ok)
            bad.add("channel ", c, ": ", show(dslopes[c]), ", sum ", show(static_cast<double>(r.sum[c])),
                    ", error ", static_cast<double>(error), ", allowed ",
                    exact ? 0.0 : static_cast<double>(dslopes_bound<T>(r.terms[c], r.magnitude[c])));
    }
    check_none(what + (exact ? " dslopes (exact)" : " dslopes"), bad);
}

template <class T>
std::string describe(const channel_shape& s, const char* arch) {
    return std::string(sizeof(T) == 4 ? "float" : "double") + " shape {" + std::to_string(s.outer) + ", " +
           std::to_string(s.channels) + ", " + std::to_string(s.inner) + "} on " + arch;
}

/// The logical tensor t[n][c][hw] stored NCHW, as NHWC.
template <class T>
std::vector<T> to_nhwc(const std::vector<T>& nchw, std::size_t n, std::size_t c, std::size_t hw) {
    std::vector<T> out(nchw.size());
    for (std::size_t b = 0; b < n; ++b)
        for (std::size_t k = 0; k < c; ++k)
            for (std::size_t p = 0; p < hw; ++p) out[(b * hw + p) * c + k] = nchw[(b * c + k) * hw + p];
    return out;
}

/// prelu_forward and prelu_backward of shape s on arch A into the guarded outputs; y and dx are
/// checked element by element against the formula, and nothing may be written outside an output
/// (dslopes's values are left to the caller).
template <class A, class T>
void check_elements(const channel_shape& s, const std::vector<T>& x, const std::vector<T>& dy,
                    const std::vector<T>& slopes, guarded<T>& y, guarded<T>& dx, guarded<T>& dslopes) {
    rectify::prelu_forward<A>(x.data(), slopes.data(), y.data(), s);
    rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), dslopes.data(), s);
    failures bad;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const T a = slopes[channel_of(s, i)];
        if (!same(y.data()[i], reference_y(x[i], a)))
            bad.add("y[", i, "]: x = ", show(x[i]), ", slope ", show(a), ": ", show(y.data()[i]));
        if (!same(dx.data()[i], reference_dx(x[i], a, dy[i])))
            bad.add("dx[", i, "]: x = ", show(x[i]), ", dy = ", show(dy[i]), ", slope ", show(a),
                    ": ", show(dx.data()[i]));
    }
    if (!y.intact() || !dx.intact() || !dslopes.intact()) bad.add("wrote outside an output");
    check_none(describe<T>(s, A::name()), bad);
}

}  // namespace rectify_test
