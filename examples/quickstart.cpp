// quickstart.cpp — every activation's forward, derivative and backward pass over a std::vector.
//
// One header, one call per direction. The arrays are walked with the widest SIMD instructions
// the compiler flags enable (-march=...); arch_name() says which.
#include <rectify/rectify.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

// Prints f, f' and the backward pass of one activation at every x, and checks that
// backward(x, dy) is dy · f'(x) and that backward_from_output gives the same from y = f(x).
template <class F>
bool show(const char* name, const F& f, const std::vector<float>& x, const std::vector<float>& dy) {
    const std::size_t n = x.size();
    std::vector<float> y(n), d(n), dx(n), dx_from_y(n);

    rectify::forward(f, x.data(), y.data(), n);               // y  = f(x)
    rectify::derivative(f, x.data(), d.data(), n);            // d  = f'(x)
    rectify::backward(f, x.data(), dy.data(), dx.data(), n);  // dx = dy · f'(x)
    // The same gradient from the output alone: a layer that keeps y need not keep x.
    rectify::backward_from_output(f, y.data(), dy.data(), dx_from_y.data(), n);

    std::printf("%-10s      f(x):", name);
    for (float v : y) std::printf(" %8.4f", v);
    std::printf("\n%-10s     f'(x):", "");
    for (float v : d) std::printf(" %8.4f", v);
    std::printf("\n%-10s dy*f'(x):", "");
    for (float v : dx) std::printf(" %8.4f", v);
    std::printf("\n");

    bool ok = true;
    for (std::size_t i = 0; i < n; ++i)
        // f'(x) from y = f(x) is formed differently (e.g. ELU: y + α, not α·e^x): close, not equal.
        ok = ok && dx[i] == dy[i] * d[i] && std::abs(dx_from_y[i] - dx[i]) <= 1e-6f * std::abs(dx[i]);
    return ok;
}

int main() {
    std::printf("rectify on %s\n", rectify::arch_name());  // e.g. "avx512bw", "arm64+neon"

    const std::vector<float> x = {-3.f, -1.f, -0.25f, 0.f, 0.25f, 1.f, 3.f};
    const std::vector<float> dy(x.size(), 2.f);  // the gradient arriving from the next layer
    std::printf("%-10s         x:", "");
    for (float v : x) std::printf(" %8.4f", v);
    std::printf("\n");

    bool ok = true;
    ok &= show("relu", rectify::relu{}, x, dy);
    ok &= show("leaky_relu", rectify::leaky_relu{0.1}, x, dy);  // alpha: the slope for x < 0
    ok &= show("elu", rectify::elu{1.0}, x, dy);                // alpha: elu(-inf) = -alpha
    ok &= show("selu", rectify::selu{}, x, dy);                 // fixed lambda and alpha

    // PReLU: a learned slope per channel. Here one tensor of 2 channels × 7 values each (NCHW
    // with N = 1: {outer, channels, inner} = {1, 2, 7}); prelu_layouts.cpp shows NHWC too.
    std::vector<float> xs = x, slopes = {0.25f, -0.5f};
    xs.insert(xs.end(), x.begin(), x.end());
    std::vector<float> ys(xs.size()), dys(xs.size(), 1.f), dxs(xs.size()), dslopes(2);
    const rectify::channel_shape shape{1, 2, x.size()};
    rectify::prelu_forward(xs.data(), slopes.data(), ys.data(), shape);
    rectify::prelu_backward(xs.data(), slopes.data(), dys.data(), dxs.data(), dslopes.data(), shape);
    for (std::size_t c = 0; c < 2; ++c) {
        std::printf("prelu a=%-5.2f   f(x):", double(slopes[c]));
        for (std::size_t i = 0; i < x.size(); ++i) std::printf(" %8.4f", ys[c * x.size() + i]);
        // d loss / d slope = Σ over x ≤ 0 of x·dy: here -3 - 1 - 0.25 + 0 = -4.25.
        std::printf("   d/da: %.4f\n", double(dslopes[c]));
        ok = ok && dslopes[c] == -4.25f;
    }

    // Bad arguments throw std::invalid_argument before writing anything.
    try {
        rectify::backward_from_output(rectify::elu{-1.0}, x.data(), dy.data(), ys.data(), x.size());
        ok = false;
    } catch (const std::invalid_argument& e) {
        std::printf("error, as it should be: %s\n", e.what());
    }

    std::printf("%s\n", ok ? "quickstart: all checks passed" : "quickstart: a check FAILED");
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
