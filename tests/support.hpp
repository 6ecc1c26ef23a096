// tests/support.hpp — what the test batteries share: the table of activations, the instruction
// sets this build enables, the contract written down again independently of the library, inputs
// that include every special value, and bit-level comparisons.
//
// A new activation gets every battery by adding one line to activations() and a contract<F>.
#pragma once

#include <rectify/rectify.hpp>

#include "catch.hpp"
#include "double_double.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace rectify_test {

// ---- the activations every battery runs over ---------------------------------------------------
template <class F>
struct named {
    const char* name;
    F f;
};
template <class F>
named<F> activation(const char* name, F f) {
    return {name, f};
}

inline auto activations() {
    return std::make_tuple(activation("relu", rectify::relu{}),
                           activation("leaky_relu(0.01)", rectify::leaky_relu{}),
                           activation("leaky_relu(0.5)", rectify::leaky_relu{0.5}),
                           activation("leaky_relu(3)", rectify::leaky_relu{3.0}),      // α > 1
                           activation("leaky_relu(-0.25)", rectify::leaky_relu{-0.25}),  // α < 0
                           activation("elu(1)", rectify::elu{}),
                           activation("elu(0.1)", rectify::elu{0.1}),  // α not a float
                           activation("elu(2)", rectify::elu{2.0}),    // α exact, not 1
                           activation("selu", rectify::selu{}));
}

/// fn(name, f) for every activation of the table.
template <class Fn>
void for_each_activation(Fn&& fn) {
    std::apply([&fn](const auto&... a) { (fn(a.name, a.f), ...); }, activations());
}

// ---- the contract (the semantics), written without the library's code -----------------
// c·(e^x − 1) and c·e^x: in long double, or for double where long double is no wider (32-bit ARM)
// in double-double, correctly rounded: glibc's double expm1 and exp are within 1 ULP, not 1/2, so
// they cannot judge a 1 ULP bound.
constexpr bool long_double_is_double = std::numeric_limits<long double>::digits <= std::numeric_limits<double>::digits;
template <class T>
long double c_expm1(long double c, T x) {
    if constexpr (sizeof(T) == sizeof(double) && long_double_is_double)
        return dd::scaled_expm1(static_cast<double>(c), x).hi;
    return c * std::expm1(static_cast<long double>(x));
}
template <class T>
long double c_exp(long double c, T x) {
    if constexpr (sizeof(T) == sizeof(double) && long_double_is_double)
        return dd::scaled_exp(static_cast<double>(c), x).hi;
    return c * std::exp(static_cast<long double>(x));
}

// forward/derivative return the exact value in long double; for ReLU and Leaky ReLU they compute
// it in T (the contract is bit-exact there: α·x rounded once in T), for ELU and SELU in long
// double from the formula (the contract is ≤ 1 ULP from the correctly rounded result).
// left_derivative is f'(0) (the left side), limit is f(−inf).
template <class F>
struct contract;

template <>
struct contract<rectify::relu> {
    static constexpr int max_ulp = 0;
    static bool has_from_output(const rectify::relu&) { return true; }
    template <class T>
    static long double forward(const rectify::relu&, T x) {
        return std::isnan(x) ? x : x > 0 ? x : T(0);
    }
    template <class T>
    static long double derivative(const rectify::relu&, T x) {
        return std::isnan(x) ? x : x > 0 ? T(1) : T(0);
    }
    template <class T>
    static T left_derivative(const rectify::relu&) {
        return T(0);
    }
    template <class T>
    static T limit(const rectify::relu&) {
        return T(0);
    }
};

template <>
struct contract<rectify::leaky_relu> {
    static constexpr int max_ulp = 0;
    static bool has_from_output(const rectify::leaky_relu& f) { return f.alpha > 0; }
    template <class T>
    static long double forward(const rectify::leaky_relu& f, T x) {
        return x > 0 ? x : T(T(f.alpha) * x);  // NaN: α·NaN is NaN
    }
    template <class T>
    static long double derivative(const rectify::leaky_relu& f, T x) {
        return std::isnan(x) ? x : x > 0 ? T(1) : T(f.alpha);
    }
    template <class T>
    static T left_derivative(const rectify::leaky_relu& f) {
        return T(f.alpha);
    }
    template <class T>
    static T limit(const rectify::leaky_relu& f) {
        return T(f.alpha) * -std::numeric_limits<T>::infinity();
    }
};

template <>
struct contract<rectify::elu> {
    static constexpr int max_ulp = 1;
    static bool has_from_output(const rectify::elu& f) { return f.alpha >= 0; }
    template <class T>
    static long double forward(const rectify::elu& f, T x) {
        return x > 0 || std::isnan(x) ? x : c_expm1(f.alpha, x);
    }
    template <class T>
    static long double derivative(const rectify::elu& f, T x) {
        return std::isnan(x) ? x : x > 0 ? 1.0L : c_exp(f.alpha, x);
    }
    template <class T>
    static T left_derivative(const rectify::elu& f) {
        return T(f.alpha);  // α rounded once to T
    }
    template <class T>
    static T limit(const rectify::elu& f) {
        return T(-f.alpha);
    }
};

// λ and α as the 32 digits rounded to double, and λα formed in double (the issue's
// contract, what PyTorch computes): the constants rectify is exact to.
constexpr long double selu_lambda = static_cast<double>(1.0507009873554804934193349852946L);
constexpr long double selu_alpha = static_cast<double>(1.6732632423543772848170429916717L);
constexpr long double selu_lambda_alpha = static_cast<double>(1.0507009873554804934193349852946 * 1.6732632423543772848170429916717);

template <>
struct contract<rectify::selu> {
    static constexpr int max_ulp = 1;
    static bool has_from_output(const rectify::selu&) { return true; }
    template <class T>
    static long double forward(const rectify::selu&, T x) {
        return std::isnan(x) ? x : x > 0 ? selu_lambda * x : c_expm1(selu_lambda_alpha, x);
    }
    template <class T>
    static long double derivative(const rectify::selu&, T x) {
        return std::isnan(x) ? x : x > 0 ? selu_lambda : c_exp(selu_lambda_alpha, x);
    }
    template <class T>
    static T left_derivative(const rectify::selu&) {
        return T(selu_lambda_alpha);
    }
    template <class T>
    static T limit(const rectify::selu&) {
        return T(-selu_lambda_alpha);
    }
};

template <class F>
constexpr int max_ulp(const F&) {
    return contract<F>::max_ulp;
}
template <class F>
bool has_from_output(const F& f) {
    return contract<F>::has_from_output(f);
}

// ---- the instruction sets this build can run -----------------------------------------------------
// scalar, every xsimd arch of this list the compiler flags enable (at most one of the fma3 variants
// is on: xsimd 8.1 turns fma3<sse4_2> off once AVX is on) but 32-bit NEON (limited_archs), and the
// default arch, which newer xsimd releases may name beyond the list (avx512vnni<avx512vbmi2>, …).
template <class... A>
struct arch_list {};
template <class List, class A>
struct with_arch;
template <class... L, class A>
struct with_arch<arch_list<L...>, A> {
    using type = std::conditional_t<(std::is_same<L, A>::value || ...), arch_list<L...>, arch_list<L..., A>>;
};
using listed_archs = arch_list<rectify::scalar
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_SSE2
                               , xsimd::sse2
#endif
#if XSIMD_WITH_SSE4_2
                               , xsimd::sse4_2
#endif
#if XSIMD_WITH_FMA3_SSE
                               , xsimd::fma3<xsimd::sse4_2>
#endif
#if XSIMD_WITH_AVX
                               , xsimd::avx
#endif
#if XSIMD_WITH_FMA3_AVX
                               , xsimd::fma3<xsimd::avx>
#endif
#if XSIMD_WITH_AVX2
                               , xsimd::avx2
#endif
#if XSIMD_WITH_FMA3_AVX2
                               , xsimd::fma3<xsimd::avx2>
#endif
#if XSIMD_WITH_AVX512F
                               , xsimd::avx512f
#endif
#if XSIMD_WITH_AVX512BW
                               , xsimd::avx512bw
#endif
#if XSIMD_WITH_NEON64  // 32-bit NEON: limited_archs below
                               , xsimd::neon
                               , xsimd::neon64
#endif
#endif
                               >;
using tested_archs = typename with_arch<listed_archs, rectify::default_arch>::type;
/// Archs a program may force but for which rectify does not promise the contract: 32-bit NEON,
/// which flushes subnormal inputs, results and intermediates to zero (README, "32-bit ARM").
/// test_arch_limits.cpp holds them to what the README says they do.
using limited_archs = arch_list<
#if RECTIFY_HAS_SIMD && XSIMD_WITH_NEON && !XSIMD_WITH_NEON64
    xsimd::neon
#endif
    >;

/// Elements per batch of arch A (scalar: 1).
template <class T, class A>
constexpr std::size_t batch_size() {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<A, rectify::scalar>::value) return xsimd::batch<T, A>::size;
#endif
    return 1;
}
/// Whether arch A has batches of T: 32-bit NEON has no double (xsimd 8.1 declares the register,
/// as an invalid one, so has_simd_register alone does not tell).
template <class T, class A>
constexpr bool arch_has() {
#if RECTIFY_HAS_SIMD
#if XSIMD_WITH_NEON
    if constexpr (std::is_same<A, xsimd::neon>::value && std::is_same<T, double>::value) return false;
#endif
    if constexpr (!std::is_same<A, rectify::scalar>::value)
        return xsimd::types::has_simd_register<T, A>::value;
#endif
    return true;
}
/// Whether the array functions on arch A round a·b + c once, as the scalar loop does or not.
template <class T, class A>
constexpr bool arch_fused_fma() {
#if RECTIFY_HAS_SIMD
    if constexpr (!std::is_same<A, rectify::scalar>::value)
        return rectify::detail::fused_fma<xsimd::batch<T, A>>::value;
#endif
    return rectify::detail::fused_fma<T>::value;
}

/// Whether the compiler fuses a·b + c written as a product and a sum (GCC's default
/// -ffp-contract=fast in C++, ISO and GNU mode alike, when optimizing for a CPU with FMA; Clang's
/// default -ffp-contract=on within one expression). It then decides per inlined copy, so the same source may round differently in the
/// scalar loop and in an arch's loop even where both use fused fma() for their own mul_add.
/// (1 + 2^-12)² = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11 (a tie, to even): unfused the sum is 0.
inline bool compiler_contracts() {
    volatile float a = 1 + 0x1p-12f, c = -(1 + 0x1p-11f);
    const float x = a, z = c;
    return x * x + z != 0;
}

template <class T, class A, class Fn>
void call_if_runs(Fn& fn) {
    if constexpr (arch_has<T, A>()) fn(A{});
}
template <class T, class Fn, class... A>
void for_each_arch(arch_list<A...>, Fn&& fn) {
    (call_if_runs<T, A>(fn), ...);
}
/// fn(A{}) for every arch of this build that has batches of T, scalar first.
template <class T, class Fn>
void for_each_arch(Fn&& fn) {
    for_each_arch<T>(tested_archs{}, fn);
}

// ---- the four array functions, as data -----------------------------------------------------------
enum class direction { forward, derivative, backward, backward_from_output };
constexpr direction all_directions[] = {direction::forward, direction::derivative, direction::backward,
                                        direction::backward_from_output};
inline const char* name_of(direction d) {
    switch (d) {
        case direction::forward: return "forward";
        case direction::derivative: return "derivative";
        case direction::backward: return "backward";
        default: return "backward_from_output";
    }
}
inline bool takes_gradient(direction d) { return d == direction::backward || d == direction::backward_from_output; }

/// out = direction d of f on arch A; `a` is x (y for backward_from_output), dy is read only by the
/// two backward directions.
template <class A, class F, class T>
void apply(direction d, const F& f, const T* a, const T* dy, T* out, std::size_t n) {
    switch (d) {
        case direction::forward: rectify::forward<A>(f, a, out, n); break;
        case direction::derivative: rectify::derivative<A>(f, a, out, n); break;
        case direction::backward: rectify::backward<A>(f, a, dy, out, n); break;
        case direction::backward_from_output: rectify::backward_from_output<A>(f, a, dy, out, n); break;
    }
}
template <class A, class F, class T>
std::vector<T> apply(direction d, const F& f, const std::vector<T>& a, const std::vector<T>& dy = {}) {
    std::vector<T> out(a.size());
    apply<A>(d, f, a.data(), takes_gradient(d) ? dy.data() : nullptr, out.data(), a.size());
    return out;
}

// ---- bits and ULPs ------------------------------------------------------------------------------
template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
template <class T>
bits_of<T> bits(T v) {
    bits_of<T> u;
    std::memcpy(&u, &v, sizeof u);
    return u;
}
template <class T>
T from_bits(bits_of<T> u) {
    T v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}
/// Bit-identical, or both NaN (NaN payloads are not part of the contract).
template <class T>
bool same(T a, T b) {
    return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b));
}
/// Position on the number line in ULP steps, monotone over ±0, subnormals and infinities.
template <class T>
std::int64_t ordinal(T v) {
    using I = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
    I i;
    std::memcpy(&i, &v, sizeof i);
    const I magnitude = i & std::numeric_limits<I>::max();
    return i < 0 ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
}
/// ULP steps from a to b; 0 for two NaNs, "infinitely many" for NaN against a number, and a zero
/// of the wrong sign is one step off (the contract keeps the sign of zero).
template <class T>
std::int64_t ulps(T a, T b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
    if (a == 0 && b == 0) return std::signbit(a) == std::signbit(b) ? 0 : 1;
    return std::llabs(ordinal(a) - ordinal(b));
}
/// The spacing of T at |v| (at least the smallest subnormal).
template <class T>
T ulp_of(T v) {
    const T a = std::fabs(v);
    return std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
}

template <class T>
std::string show(T v) {
    char text[64];
    std::snprintf(text, sizeof text, "%.9g (%a)", static_cast<double>(v), static_cast<double>(v));
    return text;
}

/// The failures of one property over many elements, the first one described: one CHECK then
/// reports a whole array (a CHECK per element would be slow and flood the output).
struct failures {
    std::size_t count = 0;
    std::string first;
    template <class... Parts>
    void add(const Parts&... parts) {
        if (count++ > 0) return;
        std::ostringstream text;
        (text << ... << parts);
        first = text.str();
    }
};
inline void check_none(const std::string& what, const failures& f) {
    INFO(what << ": " << f.count << " failure(s); the first: " << f.first);
    CHECK(f.count == 0);
}

/// call() must throw std::invalid_argument whose message contains every one of `parts`.
template <class Call>
void require_rejected(Call&& call, const std::vector<std::string>& parts) {
    bool thrown = false;
    std::string message;
    try {
        call();
    } catch (const std::invalid_argument& e) {
        thrown = true;
        message = e.what();
    }
    INFO("message: \"" << message << "\"");
    REQUIRE(thrown);
    for (const auto& part : parts) {
        INFO("expected in the message: \"" << part << "\"");
        CHECK(message.find(part) != std::string::npos);
    }
}

// ---- buffers ------------------------------------------------------------------------------------
/// n elements starting `offset` elements past a 64-byte boundary, inside sentinels that must
/// survive every call.
template <class T>
class guarded {
public:
    static constexpr std::size_t guard = 64;  // elements on each side: more than any batch
    guarded(std::size_t n, std::size_t offset) : storage_(n + 2 * guard + 64 / sizeof(T)), n_(n) {
        std::fill(storage_.begin(), storage_.end(), sentinel());
        const auto address = reinterpret_cast<std::uintptr_t>(storage_.data());
        const std::size_t skip = (64 - address % 64) % 64 / sizeof(T);
        data_ = storage_.data() + skip + guard + offset;
    }
    T* data() { return data_; }
    const T* data() const { return data_; }
    std::size_t size() const { return n_; }
    /// Whether every element outside [data, data + n) still holds the sentinel.
    bool intact() const {
        static const std::vector<T> sentinels(2 * guard + 64 / sizeof(T), sentinel());
        const T* begin = storage_.data();
        const T* end = begin + storage_.size();
        const T* last = data_ + n_;
        return std::memcmp(begin, sentinels.data(), (data_ - begin) * sizeof(T)) == 0 &&
               std::memcmp(last, sentinels.data(), (end - last) * sizeof(T)) == 0;
    }

private:
    static T sentinel() { return from_bits<T>(static_cast<bits_of<T>>(sizeof(T) == 4 ? 0x7fa5a5a5u : 0x7ff5a5a5a5a5a5a5u)); }
    std::vector<T> storage_;
    std::size_t n_;
    T* data_ = nullptr;
};

template <class T>
guarded<T> placed(const T* values, std::size_t n, std::size_t offset) {
    guarded<T> g(n, offset);
    std::copy(values, values + n, g.data());
    return g;
}

// ---- inputs -------------------------------------------------------------------------------------
/// Every special value the contract names, for T: ±0, subnormals, the smallest normals, values
/// near 0 and 1, ELU/SELU's saturation points (where expm1 rounds to −1 and e^x to 0, in float
/// and double), ±FLT_MAX, ±DBL_MAX (double), −1e30, ±inf, NaNs.
template <class T>
std::vector<T> special_values() {
    using L = std::numeric_limits<T>;
    const T inf = L::infinity();
    std::vector<T> v = {T(0), -T(0), L::denorm_min(), -L::denorm_min(), 3 * L::denorm_min(),
                        -3 * L::denorm_min(), T(1e-40f), T(-1e-40f), L::min(), -L::min(),
                        L::min() / 2, -L::min() / 2, L::epsilon(), -L::epsilon(), T(1e-8), T(-1e-8),
                        T(0.5), T(-0.5), T(1), T(-1), T(0.6931472f), T(-0.6931472f), T(2), T(-3),
                        T(-10), T(-15.94f), T(-16.5), T(-17.32868f), T(-17.5), T(-21), T(-30),
                        T(-87.68f), T(-95), T(-103.27893f), T(-103.97f), T(-104), T(-110), T(-200),
                        T(88), T(1e30f), T(-1e30f), T(FLT_MAX), T(-FLT_MAX), inf, -inf,
                        L::quiet_NaN(), -L::quiet_NaN(), from_bits<T>(bits(L::quiet_NaN()) | 1)};
    if (sizeof(T) == sizeof(double)) {
        const T more[] = {T(1e-310), T(-1e-310), T(-36.7), T(-37.5), T(-42), T(-708.4), T(-720),
                          T(-744.4), T(-745.2), T(-1000), T(-1e300), T(DBL_MAX), T(-DBL_MAX),
                          T(710)};
        v.insert(v.end(), std::begin(more), std::end(more));
    }
    return v;
}

/// n inputs: one in 16 a special value, one in 16 a random bit pattern (any finite, subnormal,
/// infinite or NaN value), the rest uniform where ELU and SELU do their work and underflow.
template <class T>
std::vector<T> random_inputs(std::size_t n, std::uint64_t seed) {
    const std::vector<T> specials = special_values<T>();
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> wide(-25.0, 5.0), near(-1.0, 1.0),
        underflow(sizeof(T) == 4 ? -110.0 : -760.0, -80.0);
    std::vector<T> x(n);
    for (auto& v : x) {
        const auto kind = rng() % 16;
        if (kind == 0) v = specials[rng() % specials.size()];
        else if (kind == 1) v = from_bits<T>(static_cast<bits_of<T>>(rng()));
        else if (kind < 10) v = static_cast<T>(wide(rng));
        else if (kind < 14) v = static_cast<T>(near(rng));
        else v = static_cast<T>(underflow(rng));
    }
    return x;
}

/// n upstream gradients: mostly uniform in [−4, 4], one in 32 a special value.
template <class T>
std::vector<T> random_gradients(std::size_t n, std::uint64_t seed) {
    const std::vector<T> specials = special_values<T>();
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> dist(-4.0, 4.0);
    std::vector<T> g(n);
    for (auto& v : g) v = rng() % 32 == 0 ? specials[rng() % specials.size()] : static_cast<T>(dist(rng));
    return g;
}

}  // namespace rectify_test
