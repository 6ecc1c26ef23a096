// prelu_layouts.cpp — PReLU forward and backward on one tensor stored as NCHW and as NHWC.
//
// rectify describes the channel axis by (outer, channels, inner): element (o, c, i) is at
// (o·channels + c)·inner + i. So
//   NCHW (PyTorch's default)      -> {N, C, H*W}
//   NHWC (TensorFlow's, oneDNN's) -> {N*H*W, C, 1}
// and no transposition is needed for either. Both give the same y, dx and slope gradients.
#include <rectify/rectify.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

constexpr std::size_t N = 2, C = 3, H = 5, W = 7;  // H·W = 35: odd, so SIMD tails run too

std::size_t nchw(std::size_t n, std::size_t c, std::size_t hw) { return (n * C + c) * H * W + hw; }
std::size_t nhwc(std::size_t n, std::size_t c, std::size_t hw) { return (n * H * W + hw) * C + c; }

int main() {
    const std::size_t size = N * C * H * W;
    const std::vector<float> slopes = {0.25f, 0.01f, -0.5f};  // one per channel; any sign

    // The same values in both layouts: x (about half negative) and the incoming gradient dy.
    std::vector<float> x1(size), dy1(size), x2(size), dy2(size);
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C; ++c)
            for (std::size_t hw = 0; hw < H * W; ++hw) {
                const double t = double(nchw(n, c, hw));
                x1[nchw(n, c, hw)] = x2[nhwc(n, c, hw)] = float(2 * std::sin(1.7 * t));
                dy1[nchw(n, c, hw)] = dy2[nhwc(n, c, hw)] = float(std::cos(0.3 * t));
            }

    const rectify::channel_shape as_nchw{N, C, H * W}, as_nhwc{N * H * W, C, 1};
    std::vector<float> y1(size), dx1(size), ds1(C), y2(size), dx2(size), ds2(C);
    rectify::prelu_forward(x1.data(), slopes.data(), y1.data(), as_nchw);
    rectify::prelu_backward(x1.data(), slopes.data(), dy1.data(), dx1.data(), ds1.data(), as_nchw);
    rectify::prelu_forward(x2.data(), slopes.data(), y2.data(), as_nhwc);
    rectify::prelu_backward(x2.data(), slopes.data(), dy2.data(), dx2.data(), ds2.data(), as_nhwc);

    // y and dx are one formula per element: bit-identical in both layouts.
    std::size_t differ = 0;
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t c = 0; c < C; ++c)
            for (std::size_t hw = 0; hw < H * W; ++hw)
                differ += y1[nchw(n, c, hw)] != y2[nhwc(n, c, hw)] ||
                          dx1[nchw(n, c, hw)] != dx2[nhwc(n, c, hw)];
    std::printf("rectify on %s; tensor N=%zu C=%zu H=%zu W=%zu\n", rectify::arch_name(), N, C, H, W);
    std::printf("y and dx: %zu of %zu elements differ between NCHW and NHWC\n", differ, size);

    // dslopes[c] = Σ over x ≤ 0 of x·dy: a sum of 70 terms per channel, added in a different
    // order in each layout (and lane by lane under SIMD), so equal to rounding, not to the bit.
    // Both are compared with a sum in double.
    bool sums_agree = true;
    for (std::size_t c = 0; c < C; ++c) {
        double exact = 0, magnitude = 0;
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t hw = 0; hw < H * W; ++hw) {
                const double v = x1[nchw(n, c, hw)], g = dy1[nchw(n, c, hw)];
                if (v <= 0) exact += v * g, magnitude += std::abs(v * g);
            }
        const double tolerance = 1e-5 * magnitude;  // 70 float additions: ≤ 70·2^-24 of Σ|terms|
        std::printf("channel %zu: slope %5.2f  dslope NCHW %+.6f  NHWC %+.6f  (double: %+.6f)\n", c,
                    double(slopes[c]), double(ds1[c]), double(ds2[c]), exact);
        sums_agree = sums_agree && std::abs(ds1[c] - exact) <= tolerance &&
                     std::abs(ds2[c] - exact) <= tolerance;
    }

    const bool ok = differ == 0 && sums_agree;
    std::printf("%s\n", ok ? "prelu_layouts: NCHW and NHWC agree; all checks passed"
                           : "prelu_layouts: a check FAILED");
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
