// tests/dynamic_reference.hpp — the compile-time array functions at the default arch of units
// built with the instruction-set flags of rectify::dynamic's units (tests/CMakeLists.txt): what
// rectify::dynamic must reproduce to the bit at that arch. One namespace per unit.
#pragma once

#include <cstddef>

#include <rectify/detail/activation_list.hpp>
#include <rectify/rectify.hpp>

// d: 0 forward, 1 derivative, 2 backward, 3 backward_from_output (the order of
// rectify_test::direction); `a` is x (y for 3), dy is read by 2 and 3.
#define RECTIFY_TEST_REFERENCE_DECLARE_TYPED(F, T)                                                  \
    void apply(int d, const rectify::F& f, const T* a, const T* dy, T* out, std::size_t n);
#define RECTIFY_TEST_REFERENCE_NAMESPACE(name)                                                       \
    namespace name {                                                                                 \
    const char* arch_name();                                                                         \
    RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_TEST_REFERENCE_DECLARE_TYPED)                       \
    void prelu_forward(const float* x, const float* slopes, float* y, rectify::channel_shape s);     \
    void prelu_forward(const double* x, const double* slopes, double* y, rectify::channel_shape s);  \
    void prelu_backward(const float* x, const float* slopes, const float* dy, float* dx, float* ds,  \
                        rectify::channel_shape s);                                                   \
    void prelu_backward(const double* x, const double* slopes, const double* dy, double* dx,         \
                        double* ds, rectify::channel_shape s);                                       \
    }

RECTIFY_TEST_REFERENCE_NAMESPACE(reference_avx2)
RECTIFY_TEST_REFERENCE_NAMESPACE(reference_avx512)
