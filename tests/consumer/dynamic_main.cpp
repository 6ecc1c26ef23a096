// tests/consumer/dynamic_main.cpp — a user's program on rectify::dynamic: built without any
// instruction-set flag, it runs the best instruction set of the CPU and gets what the
// header-only functions give at that arch (here: ReLU exactly, ELU within a loose bound).
#include <rectify/dynamic.hpp>

#include <cmath>
#include <cstdio>

int main() {
    const float x[] = {-2.0f, -0.5f, -0.0f, 0.0f, 0.25f, 3.0f, -1e30f, 1.0f, -1.0f};
    constexpr std::size_t n = sizeof x / sizeof x[0];
    float relu_y[n], elu_y[n];
    rectify::dynamic::forward(rectify::relu{}, x, relu_y, n);
    rectify::dynamic::forward(rectify::elu{1.0}, x, elu_y, n);

    int failures = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const float relu_expected = x[i] > 0 ? x[i] : 0.0f;
        const float elu_expected = x[i] > 0 ? x[i] : static_cast<float>(std::expm1(double{x[i]}));
        if (relu_y[i] != relu_expected || std::signbit(relu_y[i]) ||
            std::fabs(elu_y[i] - elu_expected) > 1e-6f * std::fabs(elu_expected)) {
            std::printf("x = %g: relu %g (want %g), elu %g (want %g)\n", x[i], relu_y[i], relu_expected,
                        elu_y[i], elu_expected);
            ++failures;
        }
    }
    std::printf("rectify::dynamic consumer (%s): %s\n", rectify::dynamic::arch_name(), failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
