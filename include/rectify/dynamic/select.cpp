// rectify/dynamic/select.cpp — the runtime-dispatch library's entry points (rectify/dynamic.hpp):
// the instruction set is chosen once per process, at the first call, from the units this build
// has (RECTIFY_DYNAMIC_WITH_AVX2, _AVX512, _SCALAR: cmake/rectifyDynamic.cmake) and what the CPU
// runs, or from RECTIFY_ARCH; every call then goes through one pointer of the chosen table.
// Compiled with the baseline flags, as the CPU is not known yet.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "table.hpp"

#if RECTIFY_EXCEPTIONS
#include <stdexcept>
#endif

namespace rectify {
namespace dynamic {
namespace detail {
namespace {

struct candidate {
    const arch_table* table;
    bool runs;  // on this CPU
};

// Whether the CPU has `feature` and the operating system saves its registers (XGETBV), as GCC's
// and clang's CPU model tells: xsimd 8.1 reads only the CPUID bits, a kernel that does not save
// the AVX-512 state would leave its code to fault.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define RECTIFY_DYNAMIC_OS_SAVES(feature) bool(__builtin_cpu_supports(feature))
#else
#define RECTIFY_DYNAMIC_OS_SAVES(feature) true
#endif

/// The tables of this build, best first. The baseline unit has the flags of the program itself,
/// so it runs wherever the program does; the others need their instruction sets.
std::vector<candidate> candidates() {
#if RECTIFY_HAS_SIMD && (RECTIFY_DYNAMIC_WITH_AVX2 || RECTIFY_DYNAMIC_WITH_AVX512)
    const auto cpu = xsimd::available_architectures();
#endif
    std::vector<candidate> list;
#if RECTIFY_DYNAMIC_WITH_AVX512
    list.push_back({&table_avx512, cpu.avx512f && cpu.avx512cd && cpu.avx512dq && cpu.avx512bw &&
                                       cpu.fma3_avx2 && RECTIFY_DYNAMIC_OS_SAVES("avx512bw")});
#endif
#if RECTIFY_DYNAMIC_WITH_AVX2
    list.push_back({&table_avx2, cpu.fma3_avx2 && RECTIFY_DYNAMIC_OS_SAVES("avx2")});
#endif
    list.push_back({&table_baseline, true});
#if RECTIFY_DYNAMIC_WITH_SCALAR
    if (std::strcmp(table_baseline.name, table_scalar.name) != 0) list.push_back({&table_scalar, true});
#endif
    return list;
}

/// RECTIFY_ARCH names a table by its full name ("fma3+avx2") or by its last part ("avx2").
bool names(const char* requested, const char* name) {
    const char* plus = std::strrchr(name, '+');
    return std::strcmp(requested, name) == 0 || (plus && std::strcmp(requested, plus + 1) == 0);
}

/// "avx512bw,avx2,sse2,scalar": the short names, those this CPU runs (or all).
std::string listed(const std::vector<candidate>& list, bool runnable_only) {
    std::string text;
    for (const candidate& c : list) {
        if (runnable_only && !c.runs) continue;
        const char* plus = std::strrchr(c.table->name, '+');
        if (!text.empty()) text += ',';
        text += plus ? plus + 1 : c.table->name;
    }
    return text;
}

[[noreturn]] void fail(const std::string& message) {
#if RECTIFY_EXCEPTIONS
    throw std::runtime_error(message);
#else
    std::fprintf(stderr, "%s\n", message.c_str());
    std::abort();
#endif
}

const arch_table* choose(const char* requested, const char* source) {
    const std::vector<candidate> list = candidates();
    if (requested == nullptr || *requested == '\0') {
        for (const candidate& c : list)
            if (c.runs) return c.table;
    }
    for (const candidate& c : list) {
        if (!names(requested, c.table->name)) continue;
        if (c.runs) return c.table;
        fail(std::string("rectify::dynamic: ") + source + " = " + requested +
             ": this CPU cannot run it; it runs " + listed(list, true));
    }
    fail(std::string("rectify::dynamic: ") + source + " = " + requested +
         " is not an instruction set of this build, which has " + listed(list, false) +
         " (this CPU runs " + listed(list, true) + ")");
}

/// The chosen table; null until the first call has chosen. Constant-initialised, and the tables
/// are constant data: a relaxed load is all a call needs.
std::atomic<const arch_table*> chosen{nullptr};

#if defined(__GNUC__)
#define RECTIFY_DYNAMIC_COLD __attribute__((cold, noinline))
#else
#define RECTIFY_DYNAMIC_COLD
#endif

/// The first call's choice, out of the calls' way (inlined, its guard would cost every call a
/// stack frame). A function-local static: made once, thread-safe; if the choice fails, the next
/// call tries again and fails the same way.
RECTIFY_DYNAMIC_COLD const arch_table& choose_once() {
    static const bool done = [] {
        const arch_table* t = choose(std::getenv("RECTIFY_ARCH"), "RECTIFY_ARCH");
        const arch_table* none = nullptr;
        chosen.compare_exchange_strong(none, t, std::memory_order_relaxed);  // use_arch may have come first
        return true;
    }();
    static_cast<void>(done);
    return *chosen.load(std::memory_order_relaxed);
}

inline const arch_table& table() {
    const arch_table* t = chosen.load(std::memory_order_relaxed);
    return t ? *t : choose_once();
}

}  // namespace

void use_arch(const char* name) {
    chosen.store(choose(name ? name : "(null)", "use_arch"), std::memory_order_relaxed);
}

const char* runnable_archs() {
    static const std::string text = listed(candidates(), true);
    return text.c_str();
}

#define RECTIFY_DYNAMIC_DEFINE_TYPED(F, T)                                                        \
    void backward_from_output(const F& f, const T* y, const T* dy, T* dx, std::size_t n) {       \
        if constexpr (has_from_output_rule<F>::value)                                             \
            of_type(table(), T{}).F.backward_from_output(f, y, dy, dx, n);                        \
        else                                                                                      \
            std::abort(); /* unreachable: rectify::dynamic::backward_from_output refuses F */    \
    }
RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_DYNAMIC_DEFINE_TYPED)
#undef RECTIFY_DYNAMIC_DEFINE_TYPED

}  // namespace detail

const char* arch_name() {
    const char* name = detail::table().name;
    const char* plus = std::strrchr(name, '+');
    return plus ? plus + 1 : name;
}

#define RECTIFY_DYNAMIC_DEFINE_TYPED(F, T)                                          \
    void forward(const F& f, const T* x, T* y, std::size_t n) {                     \
        of_type(detail::table(), T{}).F.forward(f, x, y, n);                        \
    }                                                                               \
    void derivative(const F& f, const T* x, T* d, std::size_t n) {                  \
        of_type(detail::table(), T{}).F.derivative(f, x, d, n);                     \
    }                                                                               \
    void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {      \
        of_type(detail::table(), T{}).F.backward(f, x, dy, dx, n);                  \
    }
RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(RECTIFY_DYNAMIC_DEFINE_TYPED)
#undef RECTIFY_DYNAMIC_DEFINE_TYPED

void prelu_forward(const float* x, const float* slopes, float* y, channel_shape s) {
    detail::table().f32.prelu.forward(x, slopes, y, s);
}
void prelu_forward(const double* x, const double* slopes, double* y, channel_shape s) {
    detail::table().f64.prelu.forward(x, slopes, y, s);
}
void prelu_backward(const float* x, const float* slopes, const float* dy, float* dx, float* dslopes,
                    channel_shape s) {
    detail::table().f32.prelu.backward(x, slopes, dy, dx, dslopes, s);
}
void prelu_backward(const double* x, const double* slopes, const double* dy, double* dx,
                    double* dslopes, channel_shape s) {
    detail::table().f64.prelu.backward(x, slopes, dy, dx, dslopes, s);
}

}  // namespace dynamic
}  // namespace rectify
