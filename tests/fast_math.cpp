// tests/fast_math.cpp — compiled with -ffast-math (tests/CMakeLists.txt): refused with rectify's
// message, or compiled when RECTIFY_ALLOW_FAST_MATH is defined.
#include <rectify/rectify.hpp>

float relu_of_one() {
    const float x = 1;
    float y = 0;
    rectify::forward(rectify::relu{}, &x, &y, 1);
    return y;
}
