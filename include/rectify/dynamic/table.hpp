// rectify/dynamic/table.hpp — what each instruction-set unit of the runtime-dispatch library
// (rectify/dynamic.hpp) hands the selector: a table of pointers to the compile-time functions,
// instantiated at the unit's default arch. Internal to the library's sources.
//
// The table types are plain structs of function pointers, the same in every unit; the functions
// they point to are the header-only templates, whose symbols carry the unit's instruction-set
// namespace (rectify/detail/isa.hpp), so that no unit can end up calling another's code.
#pragma once

#include <cstddef>

#include "../dynamic.hpp"

namespace rectify {
namespace dynamic {
namespace detail {

template <class F, class T>
struct activation_functions {
    void (*forward)(const F&, const T*, T*, std::size_t);
    void (*derivative)(const F&, const T*, T*, std::size_t);
    void (*backward)(const F&, const T*, const T*, T*, std::size_t);
    void (*backward_from_output)(const F&, const T*, const T*, T*, std::size_t);  // null: no rule
};

template <class T>
struct prelu_functions {
    void (*forward)(const T*, const T*, T*, channel_shape);
    void (*backward)(const T*, const T*, const T*, T*, T*, channel_shape);
};

template <class T>
struct functions_of_type {
#define RECTIFY_DYNAMIC_MEMBER(F) activation_functions<rectify::F, T> F;
    RECTIFY_FOR_EACH_ACTIVATION(RECTIFY_DYNAMIC_MEMBER)
#undef RECTIFY_DYNAMIC_MEMBER
    prelu_functions<T> prelu;
};

struct arch_table {
    const char* name;  // rectify::arch_name() in the unit: "avx512bw", "fma3+avx2", "sse2", …
    functions_of_type<float> f32;
    functions_of_type<double> f64;
};

inline namespace RECTIFY_ISA {  // see ../detail/isa.hpp
inline const functions_of_type<float>& of_type(const arch_table& t, float) noexcept { return t.f32; }
inline const functions_of_type<double>& of_type(const arch_table& t, double) noexcept { return t.f64; }
}  // namespace RECTIFY_ISA

// One per unit (the selector declares those the build has): each unit's default arch, and in the
// baseline unit also the scalar loop.
extern const arch_table table_baseline;  // no flags: SSE2 on x86-64, NEON on AArch64
extern const arch_table table_scalar;    // rectify::scalar, built with the baseline unit
extern const arch_table table_avx2;      // -mavx2 -mfma
extern const arch_table table_avx512;    // -mavx512f -mavx512cd -mavx512dq -mavx512bw -mavx2 -mfma

}  // namespace detail
}  // namespace dynamic
}  // namespace rectify
