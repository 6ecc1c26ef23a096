// tests/support.hpp — what the Catch2 batteries share beyond the activations and their contracts
// (activation_traits.hpp), the instruction sets (archs.hpp) and the array functions by direction
// (apply.hpp): failure reports, guarded buffers, and inputs that include every special value.
#pragma once

#include "activation_traits.hpp"
#include "apply.hpp"
#include "archs.hpp"
#include "catch.hpp"

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
#include <type_traits>
#include <utility>
#include <vector>

// ---- batteries compiled in slices ---------------------------------------------------------------
// test_semantics.cpp and test_simd_vs_scalar.cpp are compiled once per slice of the activations
// (for_each_activation_in_slice), RECTIFY_TEST_SLICE = 0 … RECTIFY_TEST_SLICES - 1, and each one's
// units linked into one binary: build time (tests/CMakeLists.txt). Catch2 wants the names of a
// binary's tests unique: a test every slice has is named SLICED("…"), "… (slice i of n)".
#ifdef RECTIFY_TEST_SLICE
#define RECTIFY_TEST_TEXT(x) RECTIFY_TEST_TEXT_(x)
#define RECTIFY_TEST_TEXT_(x) #x
#define SLICED(name) \
    name " (slice " RECTIFY_TEST_TEXT(RECTIFY_TEST_SLICE) " of " RECTIFY_TEST_TEXT(RECTIFY_TEST_SLICES) ")"
#endif

namespace rectify_test {

/// The ULPs arch A may differ from the scalar loop by in direction d (test_simd_vs_scalar.cpp says
/// why): 0 where the bound is 0 or both round a·b + c alike, else 1, and 2 for a backward pass
/// (the product with dy rounds once more).
template <class T, class A, class F>
std::int64_t allowed_ulps(const F&, direction d) {
    int bound = traits<F>::max_ulp;
    if constexpr (has_from_output_rule<F>::value)
        if (d == direction::backward_from_output) bound = traits<F>::from_output_max_ulp;
    if (bound == 0) return 0;
    if (std::is_same<A, rectify::scalar>::value) return 0;  // the reference itself
    if (arch_fused_fma<T, A>() == arch_fused_fma<T, rectify::scalar>() && !compiler_contracts()) return 0;
    return takes_gradient(d) ? 2 : 1;
}

// ---- messages and checks ------------------------------------------------------------------------
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
