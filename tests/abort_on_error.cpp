// tests/abort_on_error.cpp — with exceptions disabled (this file is compiled with -fno-exceptions),
// bad input prints the message and calls std::abort(), before anything is written. Run by
// expect_abort.sh (tests/CMakeLists.txt): it must die by SIGABRT having printed the message.
#include <rectify/rectify.hpp>

#include <cstdio>

static_assert(RECTIFY_EXCEPTIONS == 0, "abort_on_error.cpp must be compiled with exceptions disabled");

int main() {
    float y[4] = {1, 2, 3, 4};
    rectify::forward(rectify::relu{}, static_cast<const float*>(nullptr), y, 4);
    std::printf("rectify::forward returned on a null pointer; y = {%g, %g, %g, %g}\n", y[0], y[1], y[2], y[3]);
    return 0;
}
