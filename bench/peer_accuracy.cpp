// bench/peer_accuracy.cpp — how far the peers' sigmoid, tanh, silu, softplus, mish, celu, gelu,
// gelu_tanh and the two GELU derivatives are from the exact values, over every float (or every Nth
// bit pattern): the plain loops on glibc's expf, tanhf, log1pf, expm1f, erff and erfcf; the same
// formulas on xsimd's batch exp, tanh, log1p, expm1, erf; Eigen's vectorized expressions; oneDNN's
// eltwise forward (and backward with a gradient of 1 for the GELU derivatives); XNNPACK's sigmoid
// and ELU. rectify itself is measured by tests/accuracy.cpp; it joins the GELU rows here for the
// second table, the values in the negative tail (f(−6), f(−10), f(−13)) beside the exact ones.
// This program only describes the peers and asserts nothing.
//
//   peer_accuracy [--stride N] [--only PREFIX]
//       --stride N      every Nth float bit pattern (1, the default: all 2^32)
//       --only PREFIX   the functions whose name begins with PREFIX (`gelu`: the four GELU rows)
//
// Reference: peer_accuracy_reference.cpp, each function to a few double ULP. The error of a
// result is |result − reference| in units of the last place of the reference's float binade (at
// least the smallest subnormal's), so 0.5 is correct rounding; the maxima are kept apart where the
// exact value is a normal float and where it is subnormal. A result that is NaN, infinite or of
// the wrong infinity where the reference is not (and the reverse) is counted apart, as "wrong",
// with the smallest |x| where it happens.
//
// Parameters are rectify's defaults: softplus with β = 1 (oneDNN 2.x's soft_relu has no β and no
// threshold; PyTorch's threshold, x where x > 20, moves the result by e^-20 relative, far below
// an ULP); celu with α = 1, where CELU is ELU (oneDNN's and XNNPACK's ELU stand in for it).
#include <rectify/arch.hpp>  // xsimd, when present: RECTIFY_HAS_SIMD

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "peer_accuracy_peers.hpp"
#include "peer_accuracy_reference.hpp"

#if RECTIFY_BENCH_HAVE_OPENMP
#include <omp.h>
#endif

namespace {

using peer_accuracy::fn;
using peer_accuracy::fns;
using peer_accuracy::kernel;
using peer_accuracy::reference;

constexpr double inf = std::numeric_limits<double>::infinity();

// The error in float ULP of the reference's binade; +inf for a wrong special value.
double ulp_error(float got, double ref) {
    if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : inf;
    if (std::isinf(got) || std::isinf(float(ref))) return double(got) == double(float(ref)) ? 0 : inf;
    int e = 0;
    std::frexp(ref, &e);  // |ref| in [2^(e−1), 2^e)
    const double ulp = ref == 0 ? 0x1p-149 : std::ldexp(1.0, std::max(e - 24, -149));
    return std::fabs(double(got) - ref) / ulp;
}

struct worst {
    double ulp = 0;
    float at = 0;
    void add(double err, float x) {
        if (err > ulp) {
            ulp = err;
            at = x;
        }
    }
};
// Results whose exact value is a normal float (or 0, or ±inf) and those where it is subnormal,
// where a flush to zero or a lost digit shows as many ULP.
struct tally {
    worst moderate;  // normal results of |x| ≤ moderate_limit, the inputs networks mostly see
    worst normal, subnormal;
    std::uint64_t wrong = 0;
    float wrong_at = NAN;  // smallest |x| of the wrong ones
    float wrong_got = 0;
};

std::string show(float x) {
    char b[48];
    std::snprintf(b, sizeof b, "%.9g", double(x));
    return b;
}

bool is_gelu(fn f) {
    return f == fn::gelu || f == fn::gelu_derivative || f == fn::gelu_tanh ||
           f == fn::gelu_tanh_derivative;
}
// The column of moderate inputs: |x| ≤ 16 for the smooth activations; for GELU, whose usual forms
// cancel more and more below x ≈ −2, |x| ≤ 4, the range of the benchmarks' inputs.
double moderate_limit(fn f) { return is_gelu(f) ? 4 : 16; }

std::string ulps(const worst& w) {
    char b[64];
    std::snprintf(b, sizeof b, w.ulp < 100 ? "%.3f (%.6g)" : "%.3g (%.6g)", w.ulp, double(w.at));
    return b;
}

// One table: the GELU functions or the others.
void print_ulp_table(const std::vector<kernel>& peers, const std::vector<tally>& tallies,
                     bool gelu) {
    bool header = false;
    for (std::size_t f = 0; f < fns; ++f)
        for (std::size_t p = 0; p < peers.size(); ++p) {
            if (std::size_t(peers[p].f) != f || is_gelu(fn(f)) != gelu) continue;
            if (!header) {
                std::printf("\n| function | peer | max ULP, normal results of \\|x\\| ≤ %g (at x) "
                            "| max ULP, normal results (at x) "
                            "| max ULP, subnormal results (at x) "
                            "| wrong: NaN or ±inf where the exact value is not, or the reverse |\n",
                            moderate_limit(fn(f)));
                std::printf("|---|---|---:|---:|---:|---|\n");
                header = true;
            }
            const tally& t = tallies[p];
            std::string wrong = "—";
            if (t.wrong)
                wrong = std::to_string(t.wrong) + "; nearest 0: " + peer_accuracy::name(fn(f)) +
                        "(" + show(t.wrong_at) + ") = " + show(t.wrong_got);
            std::printf("| %s | %s | %s | %s | %s | %s |\n", peer_accuracy::name(fn(f)),
                        peers[p].name.c_str(), ulps(t.moderate).c_str(), ulps(t.normal).c_str(),
                        ulps(t.subnormal).c_str(), wrong.c_str());
        }
}

// The GELU functions' negative tail, where 1 + erf(x/√2) and 1 + tanh(u) cancel: the values
// beside the exact ones.
constexpr float tail_points[] = {-6.f, -10.f, -13.f};

void print_tail_table(const std::vector<kernel>& peers, const std::vector<bool>& selected) {
    float* x = peer_accuracy::buffer_x();
    float* y = peer_accuracy::buffer_y();
    std::fill(x, x + peer_accuracy::chunk, 0.f);
    std::copy(std::begin(tail_points), std::end(tail_points), x);
    std::printf("\n| function | peer | f(-6) | f(-10) | f(-13) |\n|---|---|---:|---:|---:|\n");
    for (std::size_t f = 0; f < fns; ++f) {
        if (!selected[f] || !is_gelu(fn(f))) continue;
        std::printf("| %s | exact |", peer_accuracy::name(fn(f)));
        for (float t : tail_points) std::printf(" %.6g |", reference(fn(f), double(t)));
        std::printf("\n");
        for (const kernel& k : peers) {
            if (k.f != fn(f)) continue;
            k.run(x, y);
            std::printf("| %s | %s |", peer_accuracy::name(fn(f)), k.name.c_str());
            for (std::size_t i = 0; i < std::size(tail_points); ++i)
                std::printf(" %s |", show(y[i]).c_str());
            std::printf("\n");
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t stride = 1;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--stride") == 0 && i + 1 < argc) {
            stride = std::strtoull(argv[++i], nullptr, 10);
        } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--stride N] [--only PREFIX]\n", argv[0]);
            return 2;
        }
    }
    if (stride == 0) stride = 1;
#if RECTIFY_BENCH_HAVE_OPENMP
    omp_set_num_threads(1);  // oneDNN: one thread, as in rectify_bench
#endif

    const std::size_t chunk = peer_accuracy::chunk;
    std::vector<bool> selected(fns);
    for (std::size_t f = 0; f < fns; ++f)
        selected[f] = std::string(peer_accuracy::name(fn(f))).rfind(only, 0) == 0;
    std::vector<kernel> peers;
    for (kernel& k : peer_accuracy::all_peers())
        if (selected[std::size_t(k.f)]) peers.push_back(std::move(k));
    std::vector<tally> tallies(peers.size());
    std::uint64_t unjudged = 0;  // inputs of the peers' results reference() cannot judge
    float* x = peer_accuracy::buffer_x();
    float* y = peer_accuracy::buffer_y();
    std::vector<double> ref(fns * chunk);

    // The bit patterns 0, N, 2N, … below 2^32, then the special values the stride missed (and a
    // quiet NaN), in chunks; a short last chunk is padded with zeros, which are counted once more
    // (no change to a maximum).
    const std::uint64_t total = ((std::uint64_t(1) << 32) + stride - 1) / stride;
    const float specials[] = {0.f, -0.f, INFINITY, -INFINITY, NAN};
    std::uint64_t done = 0;
    bool specials_done = false;
    while (!specials_done) {
        std::size_t n = 0;
        for (; n < chunk && done < total; ++n, ++done) {
            const auto bits = std::uint32_t(done * stride);
            std::memcpy(&x[n], &bits, 4);
        }
        if (done == total && n + std::size(specials) <= chunk) {
            for (float s : specials) {
                std::uint32_t bits;
                std::memcpy(&bits, &s, 4);
                if (bits % stride != 0 || std::isnan(s)) x[n++] = s;  // not swept already
            }
            specials_done = true;
        }
        std::fill(x + n, x + chunk, 0.f);
        for (std::size_t f = 0; f < fns; ++f)
            if (selected[f])
                for (std::size_t i = 0; i < chunk; ++i)
                    ref[f * chunk + i] = reference(fn(f), double(x[i]));
        for (std::size_t p = 0; p < peers.size(); ++p) {
            peers[p].run(x, y);
            const double* r = &ref[std::size_t(peers[p].f) * chunk];
            tally& t = tallies[p];
            for (std::size_t i = 0; i < chunk; ++i) {
                if (!peer_accuracy::judged(peers[p].f, double(x[i]))) {
                    ++unjudged;
                    continue;
                }
                const double err = ulp_error(y[i], r[i]);
                if (err == inf) {
                    ++t.wrong;
                    if (!(std::fabs(x[i]) >= std::fabs(t.wrong_at))) {
                        t.wrong_at = x[i];
                        t.wrong_got = y[i];
                    }
                } else if (r[i] != 0 && std::fabs(r[i]) < 0x1p-126) {
                    t.subnormal.add(err, x[i]);
                } else {
                    t.normal.add(err, x[i]);
                    if (std::fabs(x[i]) <= moderate_limit(peers[p].f)) t.moderate.add(err, x[i]);
                }
            }
        }
    }

    std::printf("every %llu%s float bit pattern (%llu inputs) and ±0, ±inf, NaN\n",
                static_cast<unsigned long long>(stride),
                stride == 1 ? "st" : (stride == 2 ? "nd" : (stride == 3 ? "rd" : "th")),
                static_cast<unsigned long long>(total));
    print_ulp_table(peers, tallies, false);
    print_ulp_table(peers, tallies, true);
    if (unjudged)
        std::printf("\nnot judged (no MPFR in this build): %llu results of the GELU derivatives "
                    "in (-0.80, -0.70)\n",
                    static_cast<unsigned long long>(unjudged));
    print_tail_table(peers, selected);
    return 0;
}
