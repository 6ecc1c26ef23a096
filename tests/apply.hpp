// tests/apply.hpp — the array functions called by direction, for the Catch2 batteries and the
// accuracy sweep (Catch2-free).
//
// apply<A>(d, f, …) runs rectify's array function for direction d on arch A. Where the test
// targets are built (tests/CMakeLists.txt, RECTIFY_TEST_KERNELS_APART), the units that call it see
// only its declaration: every apply<A, F, T> of the listed activations, archs and element types is
// compiled once, in the slices of kernels.cpp, and linked into each test program, rather than
// optimized again in every unit that calls it — the kernels are most of the build's time. The
// functions are rectify's own, compiled with the same flags; a unit built with other flags
// (test_dynamic.cpp, at the x86-64 baseline) compiles the definition itself.
#pragma once

#include "traits/contract.hpp"

#include <rectify/rectify.hpp>

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace rectify_test {

/// out = direction d of f on arch A; `a` is x (y for backward_from_output), dy is read only by the
/// two backward directions. backward_from_output of an activation without the rule does not
/// compile: asking for it here is a test's mistake (offers() says where it runs).
template <class A, class F, class T>
void apply(direction d, const F& f, const T* a, const T* dy, T* out, std::size_t n);

#if !RECTIFY_TEST_KERNELS_APART || RECTIFY_TEST_KERNELS_UNIT
template <class A, class F, class T>
void apply(direction d, const F& f, const T* a, const T* dy, T* out, std::size_t n) {
    switch (d) {
        case direction::forward: rectify::forward<A>(f, a, out, n); break;
        case direction::derivative: rectify::derivative<A>(f, a, out, n); break;
        case direction::backward: rectify::backward<A>(f, a, dy, out, n); break;
        case direction::backward_from_output:
            if constexpr (has_from_output_rule<F>::value) rectify::backward_from_output<A>(f, a, dy, out, n);
            else throw std::logic_error("backward_from_output of an activation without the rule");
            break;
    }
}
#endif

template <class A, class F, class T>
std::vector<T> apply(direction d, const F& f, const std::vector<T>& a, const std::vector<T>& dy = {}) {
    std::vector<T> out(a.size());
    apply<A>(d, f, a.data(), takes_gradient(d) ? dy.data() : nullptr, out.data(), a.size());
    return out;
}

}  // namespace rectify_test
