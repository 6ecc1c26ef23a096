// tests/dynamic_reference.cpp — compiled once per x86 unit of rectify::dynamic, with its flags,
// into namespace RECTIFY_TEST_REFERENCE (see dynamic_reference.hpp): the compile-time functions
// at this unit's default arch, which test_dynamic compares rectify::dynamic with.
#include "dynamic_reference.hpp"

#include <rectify/dynamic.hpp>  // has_from_output_rule

namespace RECTIFY_TEST_REFERENCE {
namespace {
template <class F, class T>
void run(int d, const F& f, const T* a, const T* dy, T* out, std::size_t n) {
    switch (d) {
        case 0: rectify::forward(f, a, out, n); break;
        case 1: rectify::derivative(f, a, out, n); break;
        case 2: rectify::backward(f, a, dy, out, n); break;
        default:
            if constexpr (rectify::dynamic::detail::has_from_output_rule<F>::value)
                rectify::backward_from_output(f, a, dy, out, n);
            break;
    }
}
}  // namespace

const char* arch_name() { return rectify::arch_name(); }

#define RECTIFY_TEST_REFERENCE_DEFINE_TYPED(F, T)                                                   \
    void apply(int d, const rectify::F& f, const T* a, const T* dy, T* out, std::size_t n) {        \
        run(d, f, a, dy, out, n);                                                                   \
    }
RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_TEST_REFERENCE_DEFINE_TYPED)

void prelu_forward(const float* x, const float* slopes, float* y, rectify::channel_shape s) {
    rectify::prelu_forward(x, slopes, y, s);
}
void prelu_forward(const double* x, const double* slopes, double* y, rectify::channel_shape s) {
    rectify::prelu_forward(x, slopes, y, s);
}
void prelu_backward(const float* x, const float* slopes, const float* dy, float* dx, float* ds,
                    rectify::channel_shape s) {
    rectify::prelu_backward(x, slopes, dy, dx, ds, s);
}
void prelu_backward(const double* x, const double* slopes, const double* dy, double* dx, double* ds,
                    rectify::channel_shape s) {
    rectify::prelu_backward(x, slopes, dy, dx, ds, s);
}
}  // namespace RECTIFY_TEST_REFERENCE
