// rectify/detail/errors.hpp — bad input gets a clear error before any output is written:
// std::invalid_argument naming the values, or, with exceptions disabled, a message and abort().
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "isa.hpp"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#include <stdexcept>
#define RECTIFY_EXCEPTIONS 1
#else
#define RECTIFY_EXCEPTIONS 0
#endif

namespace rectify {
namespace detail {
inline namespace RECTIFY_ISA {  // see detail/isa.hpp

[[noreturn]] inline void fail(const std::string& message) {
#if RECTIFY_EXCEPTIONS
    throw std::invalid_argument(message);
#else
    std::fprintf(stderr, "%s\n", message.c_str());
    std::abort();
#endif
}

inline std::string describe(const void* p) {
    char text[32];
    std::snprintf(text, sizeof text, "%p", p);
    return text;
}

// The checks run on every call, so at 1 Ki elements their cost shows: each is a comparison inlined
// into the caller, and the message is built out of line, only on the way to the error.
#if defined(__GNUC__)
#define RECTIFY_COLD __attribute__((cold, noinline))
#else
#define RECTIFY_COLD
#endif

[[noreturn]] RECTIFY_COLD inline void fail_null(const char* function, const char* name, std::size_t n) {
    fail(std::string("rectify::") + function + ": " + name + " is a null pointer but n = " +
         std::to_string(n));
}

/// The n elements at p are not reachable: p is null while n > 0.
inline void check_pointer(const char* function, const char* name, const void* p, std::size_t n) {
    if (p == nullptr && n > 0) fail_null(function, name, n);
}

[[noreturn]] RECTIFY_COLD inline void fail_overlap(const char* function, const char* in_name,
                                                   const void* in, std::size_t in_bytes,
                                                   const char* out_name, const void* out,
                                                   std::size_t out_bytes, bool identical_allowed) {
    fail(std::string("rectify::") + function + ": " + out_name + " [" + describe(out) + ", +" +
         std::to_string(out_bytes) + " bytes) overlaps " + in_name + " [" + describe(in) + ", +" +
         std::to_string(in_bytes) + " bytes)" +
         (identical_allowed ? " without being the same pointer" : ""));
}

/// Output `out` may be the same pointer as input `in` (in place) but may not otherwise share a
/// byte with it. Addresses are compared as integers: ordering unrelated pointers is unspecified.
inline void check_overlap(const char* function, const char* in_name, const void* in,
                          std::size_t in_bytes, const char* out_name, const void* out,
                          std::size_t out_bytes, bool identical_allowed = true) {
    const auto a = reinterpret_cast<std::uintptr_t>(in), b = reinterpret_cast<std::uintptr_t>(out);
    if (in_bytes == 0 || out_bytes == 0 || (a == b && identical_allowed)) return;
    if (a < b + out_bytes && b < a + in_bytes)
        fail_overlap(function, in_name, in, in_bytes, out_name, out, out_bytes, identical_allowed);
}

/// v in the fewest digits that read back as v (1e+39, not 9.9999999999999994e+38).
inline std::string describe(double v) {
    char text[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, v);
        if (std::strtod(text, nullptr) == v) break;  // NaN never compares equal: 17 digits, "nan"
    }
    return text;
}

template <class T>
constexpr const char* type_name() noexcept {
    return sizeof(T) == sizeof(float) ? "float" : sizeof(T) == sizeof(double) ? "double" : "long double";
}

/// A parameter is held as a double and used in the element type T of the call: it must be finite
/// in T (leaky_relu{1e300} is finite as a double and inf as a float, where α·−0 would be NaN).
template <class T>
inline void check_finite(const char* activation, const char* parameter, double value) {
    if (!std::isfinite(static_cast<T>(value)))
        fail(std::string("rectify::") + activation + ": " + parameter + " = " + describe(value) +
             " is not finite" + (std::isfinite(value) ? std::string(" in ") + type_name<T>() : ""));
}

inline void check_sizes(const char* function, const char* a_name, std::size_t a,
                        const char* b_name, std::size_t b) {
    if (a != b)
        fail(std::string("rectify::") + function + ": " + a_name + " has " + std::to_string(a) +
             " elements but " + b_name + " has " + std::to_string(b));
}

}  // namespace RECTIFY_ISA
}  // namespace detail
}  // namespace rectify
