// tests/test_dynamic.cpp — rectify::dynamic (rectify/dynamic.hpp), built for the baseline of its
// target as a shipped binary would be: the first call picks the best instruction set the CPU
// runs (or RECTIFY_ARCH's), and every instruction set the CPU runs gives, for every activation of
// the list (activation_traits.hpp), float and double, every direction and PReLU, the bits of the
// compile-time function at that arch: compiled here for the baseline and scalar, in
// dynamic_reference.cpp with the library's flags for AVX2 and AVX-512. Errors are those of the
// compile-time functions; a bad RECTIFY_ARCH is a std::runtime_error at every call.
//
// ctest runs it on this CPU, with RECTIFY_ARCH set to each arch and to a bad name, and under
// qemu-x86_64 on CPUs without AVX-512 (Haswell) and without AVX (Nehalem) where qemu-user is
// installed (tests/CMakeLists.txt). RECTIFY_DYNAMIC_EXPECT names the arch the first call must
// pick there; RECTIFY_DYNAMIC_EXPECT_ERROR, a part of the error RECTIFY_ARCH must give.
#include <rectify/dynamic.hpp>

#include "dynamic_reference.hpp"
#include "reference.hpp"
#include "support.hpp"

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace rectify_test;

namespace {

std::vector<std::string> runnable_archs() {
    std::vector<std::string> list;
    std::stringstream text(rectify::dynamic::detail::runnable_archs());
    for (std::string name; std::getline(text, name, ',');) list.push_back(name);
    return list;
}

/// xsimd's name of an arch without its prefix: "fma3+avx2" is "avx2", "arm64+neon" "neon".
std::string short_name(const std::string& name) {
    const auto plus = name.rfind('+');
    return plus == std::string::npos ? name : name.substr(plus + 1);
}
/// `name` (an arch name, short or full) is what `token` (RECTIFY_ARCH: short or full) asks.
bool names(const std::string& name, const std::string& token) {
    return short_name(name) == short_name(token);
}

/// The best arch of the library's on this CPU, asked of the CPU here, not of the library.
std::string best_for_this_cpu() {
#if RECTIFY_HAS_SIMD && (defined(__x86_64__) || defined(_M_X64))
    const auto cpu = xsimd::available_architectures();
    if (cpu.avx512f && cpu.avx512cd && cpu.avx512dq && cpu.avx512bw && cpu.fma3_avx2) return "avx512bw";
    if (cpu.fma3_avx2) return "avx2";
    return "sse2";
#else
    return rectify::arch_name();  // the baseline: NEON on AArch64, the scalar loop elsewhere
#endif
}

/// The environment variable, or null where it is unset or empty.
const char* env(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

std::string error_of(void (*call)()) {
    try {
        call();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

// First in the file: no other test case may have called use_arch before it (ctest also runs it
// alone, with RECTIFY_ARCH set).
TEST_CASE("dynamic: the first call picks the best arch the CPU runs, or RECTIFY_ARCH's", "[choice]") {
    const char* forced = env("RECTIFY_ARCH");
    const char* expected_error = env("RECTIFY_DYNAMIC_EXPECT_ERROR");
    const std::vector<std::string> runnable = runnable_archs();
    INFO("runnable here: " << rectify::dynamic::detail::runnable_archs());
    bool forced_runs = false;
    for (const std::string& a : runnable) forced_runs = forced_runs || (forced && names(forced, a));
    if (forced && (expected_error || !forced_runs)) {
        // Every call fails the same way, not only the first: the choice is retried, never a crash.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const std::string name_error = error_of([] { rectify::dynamic::arch_name(); });
            const std::string call_error = error_of([] {
                float x = 1, y = 0;
                rectify::dynamic::forward(rectify::relu{}, &x, &y, 1);
            });
            CHECK(name_error == call_error);
            CHECK(name_error.find(std::string("RECTIFY_ARCH = ") + forced) != std::string::npos);
            CHECK(name_error.find(rectify::dynamic::detail::runnable_archs()) != std::string::npos);
            if (expected_error) CHECK(name_error.find(expected_error) != std::string::npos);
            INFO(name_error);
        }
        return;
    }
    const std::string name = rectify::dynamic::arch_name();
    CHECK(name == short_name(name));  // the name RECTIFY_ARCH takes: "avx2", not "fma3+avx2"
    const char* expected = env("RECTIFY_DYNAMIC_EXPECT");
    const std::string want = forced ? forced : expected ? expected : best_for_this_cpu();
    INFO("arch_name() = " << name << ", expected " << want);
    CHECK(names(name, want));
    if (!forced) CHECK(names(name, runnable.front()));
}

namespace {

template <class F, class T>
void dynamic_apply(direction d, const F& f, const T* a, const T* dy, T* out, std::size_t n) {
    switch (d) {
        case direction::forward: rectify::dynamic::forward(f, a, out, n); break;
        case direction::derivative: rectify::dynamic::derivative(f, a, out, n); break;
        case direction::backward: rectify::dynamic::backward(f, a, dy, out, n); break;
        case direction::backward_from_output:
            if constexpr (has_from_output_rule<F>::value) rectify::dynamic::backward_from_output(f, a, dy, out, n);
            break;
    }
}

/// The compile-time result at the arch named `token`; false where this test has none for it.
template <class F, class T>
bool compile_time_apply(const std::string& token, direction d, const F& f, const T* a, const T* dy, T* out,
                        std::size_t n) {
    if (token == "scalar") {
        apply<rectify::scalar>(d, f, a, dy, out, n);
        return true;
    }
    if (names(rectify::arch_name(), token)) {  // this unit's own default arch: the baseline
        apply<rectify::default_arch>(d, f, a, dy, out, n);
        return true;
    }
#if RECTIFY_TEST_DYNAMIC_REFERENCES
    if (token == "avx2") return reference_avx2::apply(static_cast<int>(d), f, a, dy, out, n), true;
    if (token == "avx512bw") return reference_avx512::apply(static_cast<int>(d), f, a, dy, out, n), true;
#endif
    return false;
}

template <class T, class F>
void check_activation(const std::string& token, const char* name, const F& f) {
    for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(17), std::size_t(64),
                          std::size_t(131), std::size_t(1031)}) {
        const std::vector<T> x = random_inputs<T>(n, 7 + n), dy = random_gradients<T>(n, 11 + n);
        std::vector<T> y(n);
        rectify::forward<rectify::scalar>(f, x.data(), y.data(), n);
        for (direction d : all_directions) {
            if (!offers<T>(f, d)) continue;
            const std::vector<T>& a = d == direction::backward_from_output ? y : x;
            std::vector<T> got(n, T(-7)), want(n, T(-7));
            dynamic_apply(d, f, a.data(), dy.data(), got.data(), n);
            if (!compile_time_apply(token, d, f, a.data(), dy.data(), want.data(), n)) {
                WARN("no compile-time reference for " << token << " in this test");
                return;
            }
            std::size_t differ = 0, first = n;
            for (std::size_t i = 0; i < n; ++i)
                if (!same(got[i], want[i])) first = differ++ ? first : i;
            INFO(token << " " << name << " " << rectify::detail::type_name<T>() << " " << name_of(d) << " n = " << n << ": "
                       << differ << " elements differ"
                       << (differ ? ", first at x = " + show(a[first]) + ": " + show(got[first]) + " vs " +
                                        show(want[first])
                                  : std::string()));
            CHECK(differ == 0);
        }
    }
}

template <class T>
void check_prelu(const std::string& token) {
    const std::vector<T> slopes = {T(0.1), T(0.2), T(-0.3), T(0.4), T(0.25), T(2), T(0.5)};
    for (rectify::channel_shape s : {rectify::channel_shape{3, 7, 37}, rectify::channel_shape{101, 7, 1},
                                     rectify::channel_shape{1, 1, 1000}}) {
        const std::size_t n = s.size();
        const std::vector<T> x = random_inputs<T>(n, 3), dy = random_gradients<T>(n, 5);
        const std::vector<T> sl(slopes.begin(), slopes.begin() + static_cast<std::ptrdiff_t>(s.channels));
        std::vector<T> y(n), dx(n), ds(s.channels), y_want(n), dx_want(n), ds_want(s.channels);
        rectify::dynamic::prelu_forward(x.data(), sl.data(), y.data(), s);
        rectify::dynamic::prelu_backward(x.data(), sl.data(), dy.data(), dx.data(), ds.data(), s);
        if (token == "scalar") {
            rectify::prelu_forward<rectify::scalar>(x.data(), sl.data(), y_want.data(), s);
            rectify::prelu_backward<rectify::scalar>(x.data(), sl.data(), dy.data(), dx_want.data(), ds_want.data(), s);
        } else if (names(rectify::arch_name(), token)) {
            rectify::prelu_forward(x.data(), sl.data(), y_want.data(), s);
            rectify::prelu_backward(x.data(), sl.data(), dy.data(), dx_want.data(), ds_want.data(), s);
#if RECTIFY_TEST_DYNAMIC_REFERENCES
        } else if (token == "avx2" || token == "avx512bw") {
            if (token == "avx2") {
                reference_avx2::prelu_forward(x.data(), sl.data(), y_want.data(), s);
                reference_avx2::prelu_backward(x.data(), sl.data(), dy.data(), dx_want.data(), ds_want.data(), s);
            } else {
                reference_avx512::prelu_forward(x.data(), sl.data(), y_want.data(), s);
                reference_avx512::prelu_backward(x.data(), sl.data(), dy.data(), dx_want.data(), ds_want.data(), s);
            }
#endif
        } else {
            WARN("no compile-time PReLU reference for " << token << " in this test");
            return;
        }
        std::size_t differ = 0;
        for (std::size_t i = 0; i < n; ++i) differ += !same(y[i], y_want[i]) + !same(dx[i], dx_want[i]);
        for (std::size_t c = 0; c < s.channels; ++c) differ += !same(ds[c], ds_want[c]);
        INFO(token << " prelu " << rectify::detail::type_name<T>() << " shape {" << s.outer << ", " << s.channels << ", " << s.inner
                   << "}: " << differ << " values differ");
        CHECK(differ == 0);
    }
}

}  // namespace

TEST_CASE("dynamic: every arch the CPU runs gives the compile-time bits at that arch") {
    for (const std::string& token : runnable_archs()) {
        rectify::dynamic::detail::use_arch(token.c_str());
        INFO("arch " << token << ", arch_name() = " << rectify::dynamic::arch_name());
        CHECK(names(rectify::dynamic::arch_name(), token));
        for_each_activation([&](const char* name, const auto& f) {
            check_activation<float>(token, name, f);
            check_activation<double>(token, name, f);
        });
        check_prelu<float>(token);
        check_prelu<double>(token);
    }
#if RECTIFY_TEST_DYNAMIC_REFERENCES
    CHECK(std::string(reference_avx2::arch_name()) == "fma3+avx2");
    CHECK(std::string(reference_avx512::arch_name()) == "avx512bw");
#endif
}

TEST_CASE("dynamic: the compile-time errors, at every arch") {
    for (const std::string& token : runnable_archs()) {
        rectify::dynamic::detail::use_arch(token.c_str());
        INFO("arch " << token);
        float v[8] = {}, s[2] = {0.1f, 0.2f};
        const auto same_error = [](auto&& dynamic_call, auto&& compile_time_call) {
            std::string dynamic_message, compile_time_message;
            try {
                dynamic_call();
            } catch (const std::invalid_argument& e) {
                dynamic_message = e.what();
            }
            try {
                compile_time_call();
            } catch (const std::invalid_argument& e) {
                compile_time_message = e.what();
            }
            INFO("dynamic: " << dynamic_message << "\ncompile time: " << compile_time_message);
            CHECK(!dynamic_message.empty());
            CHECK(dynamic_message == compile_time_message);
        };
        same_error([&] { rectify::dynamic::forward(rectify::relu{}, static_cast<const float*>(nullptr), v, 4); },
                   [&] { rectify::forward(rectify::relu{}, static_cast<const float*>(nullptr), v, 4); });
        same_error([&] { rectify::dynamic::backward(rectify::elu{}, v, v + 1, v + 2, 4); },
                   [&] { rectify::backward(rectify::elu{}, v, v + 1, v + 2, 4); });
        same_error([&] { rectify::dynamic::forward(rectify::leaky_relu{1e300}, v, v, 8); },
                   [&] { rectify::forward(rectify::leaky_relu{1e300}, v, v, 8); });
        same_error([&] { rectify::dynamic::backward_from_output(rectify::elu{-0.5}, v, v, v, 8); },
                   [&] { rectify::backward_from_output(rectify::elu{-0.5}, v, v, v, 8); });
        same_error([&] { rectify::dynamic::prelu_forward(v, s, s, rectify::channel_shape{1, 2, 1}); },
                   [&] { rectify::prelu_forward(v, s, s, rectify::channel_shape{1, 2, 1}); });
        same_error([&] { rectify::dynamic::prelu_backward(v, s, v, v, v + 1, rectify::channel_shape{2, 2, 1}); },
                   [&] { rectify::prelu_backward(v, s, v, v, v + 1, rectify::channel_shape{2, 2, 1}); });
    }
}

TEST_CASE("dynamic: an arch the build lacks is refused with the ones it has") {
    const std::string error = error_of([] { rectify::dynamic::detail::use_arch("avx3"); });
    INFO(error);
    CHECK(error.find("avx3 is not an instruction set of this build") != std::string::npos);
    CHECK(error.find(rectify::dynamic::detail::runnable_archs()) != std::string::npos);
}

namespace {
struct no_from_output_rule {  // an activation without the rule: only forward and derivative
    template <class T>
    T operator()(T x) const { return x; }
    template <class T>
    T derivative(T) const { return T(1); }
};
template <class F, class = void>
struct dynamic_from_output_compiles : std::false_type {};
template <class F>
struct dynamic_from_output_compiles<F, std::void_t<decltype(rectify::dynamic::backward_from_output(
                                           std::declval<const F&>(), std::declval<const float*>(),
                                           std::declval<const float*>(), std::declval<float*>(), std::size_t(1)))>>
    : std::true_type {};
static_assert(dynamic_from_output_compiles<rectify::elu>::value, "ELU has the rule");
static_assert(!dynamic_from_output_compiles<no_from_output_rule>::value,
              "backward_from_output does not compile without the rule");
}  // namespace

#if RECTIFY_HAS_SPAN
TEST_CASE("dynamic: the span forms check every size, then run the pointer forms") {
    std::vector<float> x = {-2.f, -0.5f, 0.f, 0.5f, 2.f}, dy(5, 1.f), y(5), dx(5), want(5), ds(1);
    const std::vector<float> slopes = {0.25f};
    rectify::dynamic::forward(rectify::elu{}, std::span<const float>(x), std::span<float>(y));
    rectify::dynamic::forward(rectify::elu{}, x.data(), want.data(), x.size());
    CHECK(y == want);
    rectify::dynamic::derivative(rectify::elu{}, std::span<float>(x), std::span<float>(y));
    rectify::dynamic::backward(rectify::elu{}, std::span<float>(x), std::span<float>(dy), std::span<float>(dx));
    rectify::dynamic::backward_from_output(rectify::selu{}, std::span<float>(y), std::span<float>(dy), std::span<float>(dx));
    rectify::dynamic::prelu_forward(std::span<float>(x), std::span<const float>(slopes), std::span<float>(y),
                                    rectify::channel_shape{5, 1, 1});
    rectify::dynamic::prelu_backward(std::span<float>(x), std::span<const float>(slopes), std::span<float>(dy),
                                     std::span<float>(dx), std::span<float>(ds), rectify::channel_shape{5, 1, 1});
    CHECK_THROWS_AS(rectify::dynamic::forward(rectify::relu{}, std::span<float>(x), std::span<float>(y).first(4)),
                    std::invalid_argument);
    CHECK_THROWS_AS(rectify::dynamic::prelu_forward(std::span<float>(x), std::span<const float>(slopes),
                                                    std::span<float>(y), rectify::channel_shape{4, 1, 1}),
                    std::invalid_argument);
}
#endif
