// custom_kernel.cpp — rectify's activations inside your own xsimd loop: a fused dense layer
// y = act(W·x + b), computed without writing the pre-activation W·x + b to memory.
//
// Every activation is a functor whose operator() and derivative() are templates: they take a
// float, a double or an xsimd::batch, and return the same type. So f(batch) composes with any
// other batch expression, and the same f handles the scalar tail, with the same formula.
#include <rectify/rectify.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

// y[r] = f(b[r] + Σ_k W[k][r]·x[k]) for r < rows. W is stored input-major (row k holds the
// weights from input k to every output), so one batch covers N neighbouring outputs and the
// activation runs on a whole batch of pre-activations at once.
template <class F>
void dense_layer(const F& f, const float* w, const float* b, const float* x, float* y,
                 std::size_t rows, std::size_t inputs) {
    std::size_t r = 0;
#if RECTIFY_HAS_SIMD  // xsimd knows the target's SIMD (always so on x86-64 and aarch64)
    using batch = xsimd::batch<float>;  // the widest the compiler flags enable, as rectify's
    constexpr std::size_t N = batch::size;
    for (; r + N <= rows; r += N) {
        batch z = batch::load_unaligned(b + r);
        for (std::size_t k = 0; k < inputs; ++k)
            z = xsimd::fma(batch::load_unaligned(w + k * rows + r), batch(x[k]), z);
        f(z).store_unaligned(y + r);  // the activation, on the batch still in registers
    }
#endif
    // The tail (rows not a multiple of N): the same functor on plain floats. The same formula
    // and, for ELU and SELU, the same ≤ 1 ULP kernel run there, so no element is treated
    // differently for where it falls.
    for (; r < rows; ++r) {
        float z = b[r];
        for (std::size_t k = 0; k < inputs; ++k) z += w[k * rows + r] * x[k];
        y[r] = f(z);
    }
}

// The same layer unfused, the way one would write it with rectify's array functions: z to
// memory, then rectify::forward over it.
template <class F>
std::vector<float> reference(const F& f, const std::vector<float>& w, const std::vector<float>& b,
                             const std::vector<float>& x) {
    const std::size_t rows = b.size();
    std::vector<float> z = b, y(rows);
    for (std::size_t k = 0; k < x.size(); ++k)
        for (std::size_t r = 0; r < rows; ++r) z[r] += w[k * rows + r] * x[k];
    rectify::forward(f, z.data(), y.data(), rows);
    return y;
}

template <class F>
bool check(const char* name, const F& f, const std::vector<float>& w, const std::vector<float>& b,
           const std::vector<float>& x) {
    std::vector<float> y(b.size());
    dense_layer(f, w.data(), b.data(), x.data(), y.data(), b.size(), x.size());
    const std::vector<float> expected = reference(f, w, b, x);
    // The sums are rounded differently (fma or not), so compare closely, not bit for bit.
    double worst = 0;
    for (std::size_t r = 0; r < y.size(); ++r) {
        // (An if, not std::fmax: GCC 12 for aarch64 crashes vectorizing an fmax reduction at -O3.)
        const double difference = std::abs(double(y[r]) - expected[r]) / (1 + std::abs(expected[r]));
        if (difference > worst) worst = difference;
    }
    std::printf("%-10s y[0..3] = %8.4f %8.4f %8.4f %8.4f   max relative difference to unfused: %.1e\n",
                name, double(y[0]), double(y[1]), double(y[2]), double(y[3]), worst);
    return worst < 1e-5;
}

int main() {
    // 37 outputs: not a multiple of any batch size (4, 8, 16), so the tail always runs.
    constexpr std::size_t rows = 37, inputs = 20;
    std::vector<float> w(inputs * rows), b(rows), x(inputs);
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0.3f * float(std::sin(0.7 * double(i)));
    for (std::size_t r = 0; r < rows; ++r) b[r] = 0.1f * float(std::cos(1.3 * double(r)));
    for (std::size_t k = 0; k < inputs; ++k) x[k] = float(std::cos(0.9 * double(k)));

    std::printf("rectify on %s; %zu outputs from %zu inputs\n", rectify::arch_name(), rows, inputs);
    bool ok = true;
    ok &= check("relu", rectify::relu{}, w, b, x);
    ok &= check("leaky_relu", rectify::leaky_relu{0.1}, w, b, x);
    ok &= check("elu", rectify::elu{1.0}, w, b, x);
    ok &= check("selu", rectify::selu{}, w, b, x);

    // f and f' compose with each other and with any batch arithmetic: one generic lambda serves
    // batches and floats alike, and every lane of the batch gets what the float gets.
    const auto f_times_slope = [](auto z) {
        const rectify::elu f{1.0};
        return f(z) * f.derivative(z);
    };
    const float at = -0.5f;
    bool same = true;
#if RECTIFY_HAS_SIMD
    const xsimd::batch<float> lanes = f_times_slope(xsimd::batch<float>(at));
    alignas(64) float out[xsimd::batch<float>::size];
    lanes.store_aligned(out);
    for (float v : out) same = same && v == f_times_slope(at);  // every lane: the scalar result
#endif
    std::printf("elu(z)*elu'(z) at z = %.1f: %.6f, the same on a batch and a float: %s\n",
                double(at), double(f_times_slope(at)), same ? "yes" : "no");
    ok = ok && same;

    std::printf("%s\n", ok ? "custom_kernel: all checks passed" : "custom_kernel: a check FAILED");
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
