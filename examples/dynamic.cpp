// dynamic.cpp — one binary for every x86-64 (or AArch64) CPU: built without instruction-set
// flags, it runs the best instruction set the CPU has, chosen at the first call.
//
// Link rectify::dynamic and call rectify::dynamic::forward (and the rest, as in quickstart.cpp)
// where a program for your own machine would call rectify::forward. RECTIFY_ARCH=sse2 (avx2,
// avx512bw, neon, scalar) in the environment forces another one, for testing.
#include <rectify/dynamic.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

int main() try {
    std::printf("instruction set chosen at run time: %s\n", rectify::dynamic::arch_name());
    std::printf("instruction set this binary was compiled for: %s\n", rectify::arch_name());

    std::vector<float> x(1000), y(x.size()), reference(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = -6.0f + 0.012f * static_cast<float>(i);
    const rectify::elu elu{0.5};
    rectify::dynamic::forward(elu, x.data(), y.data(), x.size());
    rectify::forward<rectify::scalar>(elu, x.data(), reference.data(), x.size());  // the plain loop

    // Both within 1 ULP of the exact value: at most 2 ULP apart (in practice 0 or 1 where FMA differs).
    std::size_t far = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        far += std::fabs(y[i] - reference[i]) > 2 * std::fabs(std::nextafter(reference[i], 0.0f) - reference[i]);
    std::printf("elu(0.5) at x = -6, 0, 6: %.6f %.6f %.6f\n", y[0], y[500], y[999]);
    std::printf("dynamic: %s\n", far == 0 ? "all checks passed" : "FAIL: differs from the scalar loop");
    return far == 0 ? 0 : 1;
} catch (const std::exception& e) {  // RECTIFY_ARCH naming an instruction set this CPU lacks
    std::printf("dynamic: FAIL: %s\n", e.what());
    return 1;
}
