// rectify/dynamic/arch_table.cpp — one unit of the runtime-dispatch library per instruction set:
// compiled once per set with that set's flags (cmake/rectifyDynamic.cmake), it defines the table
// RECTIFY_DYNAMIC_TABLE of the compile-time functions at this unit's default arch, and, where
// RECTIFY_DYNAMIC_WITH_SCALAR is 1, table_scalar of the scalar loop. Each pointer is to the very
// function a program built with these flags would call, so the results are its bits.
#include "table.hpp"

#ifndef RECTIFY_DYNAMIC_TABLE
#error "RECTIFY_DYNAMIC_TABLE names the table this unit defines (table_baseline, table_avx2, ...)"
#endif

namespace rectify {
namespace dynamic {
namespace detail {
namespace {

template <class Arch, class F, class T>
constexpr activation_functions<F, T> activation_entry() {
    activation_functions<F, T> e{&rectify::forward<Arch, F, T>, &rectify::derivative<Arch, F, T>,
                                 &rectify::backward<Arch, F, T>, nullptr};
    if constexpr (has_from_output_rule<F>::value)
        e.backward_from_output = &rectify::backward_from_output<Arch, F, T>;
    return e;
}

template <class Arch, class T>
constexpr functions_of_type<T> functions() {
    return {
#define RECTIFY_DYNAMIC_ENTRY(F) activation_entry<Arch, rectify::F, T>(),
        RECTIFY_FOR_EACH_ACTIVATION(RECTIFY_DYNAMIC_ENTRY)
#undef RECTIFY_DYNAMIC_ENTRY
        prelu_functions<T>{&rectify::prelu_forward<Arch, T>, &rectify::prelu_backward<Arch, T>}};
}

template <class Arch>
constexpr arch_table table() {
    return {rectify::arch_name<Arch>(), functions<Arch, float>(), functions<Arch, double>()};
}

}  // namespace

// constexpr: initialised before any code runs, so a call from another unit's static initialiser
// finds the table filled.
constexpr arch_table RECTIFY_DYNAMIC_TABLE = table<rectify::default_arch>();
#if RECTIFY_DYNAMIC_WITH_SCALAR
constexpr arch_table table_scalar = table<rectify::scalar>();
#endif

}  // namespace detail
}  // namespace dynamic
}  // namespace rectify
