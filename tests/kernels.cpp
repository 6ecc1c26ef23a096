// tests/kernels.cpp — apply<A, F, T> (apply.hpp) for every type of activation of one slice of the
// list (RECTIFY_TEST_SLICE of RECTIFY_TEST_SLICES), every arch the tests run (tested_archs, and the
// limited ones) that has batches of T, float and double: compiled once here and linked into every
// test program, so that the units calling them do not optimize the same kernels again.
#define RECTIFY_TEST_KERNELS_UNIT 1
#include "activation_traits.hpp"
#include "apply.hpp"
#include "archs.hpp"

#include <type_traits>

namespace rectify_test {
namespace {

// Taking each function's address, into an object the optimizer must write, makes this unit emit
// it; the test units' calls link to these definitions.
const void* volatile taken = nullptr;

template <class T, class F, class A>
void take() {
    if constexpr (arch_has<T, A>()) {
        void (*const pointer_form)(direction, const F&, const T*, const T*, T*, std::size_t) = &apply<A, F, T>;
        taken = reinterpret_cast<const void*>(pointer_form);
    }
}
template <class T, class F, class... A>
void take_each(arch_list<A...>) {
    (take<T, F, A>(), ...);
}

bool take_the_slice() {
    for_each_activation_in_slice<RECTIFY_TEST_SLICE, RECTIFY_TEST_SLICES>([](const char*, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        take_each<float, F>(tested_archs{});
        take_each<double, F>(tested_archs{});
        take_each<float, F>(limited_archs{});
        take_each<double, F>(limited_archs{});
    });
    return true;
}
const bool taken_at_startup = take_the_slice();

}  // namespace
}  // namespace rectify_test
