// tests/test_semantics.cpp — the semantics, one test per rule, for every activation of
// the table (support.hpp) × float and double × forward, derivative, backward and
// backward_from_output × the scalar loop and the build's default instruction set (every other
// instruction set is held to the scalar loop, special values included, by test_simd_vs_scalar).
// Expected values come from the formulas (contract<F> in support.hpp), never from the library.
#include "support.hpp"

#include <algorithm>

using namespace rectify_test;

namespace {

using semantic_archs = arch_list<rectify::scalar, rectify::default_arch>;

template <class T>
const char* type_name() {
    return sizeof(T) == 4 ? "float" : "double";
}
template <class T, class A>
std::string where(const char* activation, const char* what) {
    return std::string(activation) + " " + what + ", " + type_name<T>() + " on " + A::name();
}

/// xs repeated to at least 67 elements (more than 4 batches of 16 floats and a tail): every value
/// passes through full batches, the unrolled loop and the partial last batch.
template <class T>
std::vector<T> cycled(const std::vector<T>& xs, std::size_t length = 67) {
    std::vector<T> v;
    while (v.size() < std::max(length, xs.size()))
        v.insert(v.end(), xs.begin(), xs.end());
    return v;
}

template <class T>
std::vector<T> without_nans(std::vector<T> v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](T x) { return std::isnan(x); }), v.end());
    return v;
}

template <class F>
constexpr bool is_relu = std::is_same<F, rectify::relu>::value;
template <class F>
constexpr bool is_leaky = std::is_same<F, rectify::leaky_relu>::value;

/// out[i] for every i: `expected(x[i])` exactly (bits, or both NaN).
template <class T, class Expected>
failures compare_exact(const std::vector<T>& x, const std::vector<T>& out, Expected expected) {
    failures bad;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const T e = expected(x[i]);
        if (!same(out[i], e)) bad.add("x = ", show(x[i]), ": got ", show(out[i]), ", expected ", show(e));
    }
    return bad;
}

}  // namespace

TEMPLATE_TEST_CASE("forward and derivative follow the formulas on every special value", "[semantics]",
                   float, double) {
    using T = TestType;
    std::vector<T> x = special_values<T>();
    const auto sweep = random_inputs<T>(20000, 1);
    x.insert(x.end(), sweep.begin(), sweep.end());
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const auto exact = [&f](direction d, T v) {
            return d == direction::forward ? contract<F>::forward(f, v) : contract<F>::derivative(f, v);
        };
        const auto judge = [&](direction d, const std::vector<T>& out, const std::string& what) {
            failures bad;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const T expected = static_cast<T>(exact(d, x[i]));
                if (ulps(out[i], expected) > max_ulp(f))
                    bad.add("x = ", show(x[i]), ": got ", show(out[i]), ", expected ", show(expected),
                            " (", max_ulp(f), " ULP allowed)");
            }
            check_none(what, bad);
        };
        for (direction d : {direction::forward, direction::derivative}) {
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                judge(d, apply<A>(d, f, x), where<T, A>(name, name_of(d)));
            });
            // The one-element API, f(x) and f.derivative(x), on T.
            std::vector<T> one(x.size());
            for (std::size_t i = 0; i < x.size(); ++i)
                one[i] = d == direction::forward ? f(x[i]) : f.derivative(x[i]);
            judge(d, one, std::string(name) + " " + name_of(d) + ", one element of " + type_name<T>());
        }
    });
}

TEMPLATE_TEST_CASE("NaN in gives NaN out, in every function and every direction", "[semantics]",
                   float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    const std::vector<T> nans = cycled<T>({L::quiet_NaN(), -L::quiet_NaN(),
                                           from_bits<T>(bits(L::quiet_NaN()) | 0x15)});
    const std::vector<T> numbers = cycled(without_nans(special_values<T>()));
    const std::vector<T> gradients = cycled<T>({T(1), T(0), -T(0), T(-2.5), L::infinity(), L::denorm_min()},
                                               nans.size());
    const std::vector<T> nan_gradients(numbers.size(), L::quiet_NaN());
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (d == direction::backward_from_output && !has_from_output(f)) continue;
                // NaN as x (or y): NaN whatever dy is.
                const auto from_nan = apply<A>(d, f, nans, gradients);
                failures bad;
                for (std::size_t i = 0; i < nans.size(); ++i)
                    if (!std::isnan(from_nan[i])) bad.add("dy = ", show(gradients[i]), ": got ", show(from_nan[i]));
                check_none(where<T, A>(name, name_of(d)) + " of NaN", bad);
                if (!takes_gradient(d)) continue;
                // NaN as dy: NaN whatever x (or y) is, a zero derivative included.
                const auto to_nan = apply<A>(d, f, numbers, nan_gradients);
                failures bad_dy;
                for (std::size_t i = 0; i < numbers.size(); ++i)
                    if (!std::isnan(to_nan[i])) bad_dy.add("x = ", show(numbers[i]), ": got ", show(to_nan[i]));
                check_none(where<T, A>(name, name_of(d)) + " with dy = NaN", bad_dy);
            }
        });
        CHECK(std::isnan(f(L::quiet_NaN())));
        CHECK(std::isnan(f.derivative(L::quiet_NaN())));
    });
}

TEMPLATE_TEST_CASE("relu(-0) is +0 and ReLU never returns -0", "[semantics]", float, double) {
    using T = TestType;
    std::vector<T> x = cycled(special_values<T>());
    const auto sweep = random_inputs<T>(5000, 2);
    x.insert(x.end(), sweep.begin(), sweep.end());
    const rectify::relu f;
    CHECK(bits(f(-T(0))) == bits(T(0)));
    for_each_arch<T>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        const auto y = apply<A>(direction::forward, f, x);
        failures bad;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (y[i] == 0 && std::signbit(y[i])) bad.add("x = ", show(x[i]), " gives -0");
        check_none(where<T, A>("relu", "forward"), bad);
    });
}

TEMPLATE_TEST_CASE("Leaky ReLU, ELU and SELU keep -0", "[semantics]", float, double) {
    using T = TestType;
    const std::vector<T> zeros = cycled<T>({-T(0), T(0)});
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (!is_relu<F>) {
            // ±0 → ±0. With a negative α the sign follows Leaky ReLU's formula α·x: −0 → +0, +0 → −0.
            bool negative_slope = false;
            if constexpr (is_leaky<F>) negative_slope = f.alpha < 0;
            const auto expected = [negative_slope](T x) { return negative_slope ? -x : x; };
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                check_none(where<T, A>(name, "forward") + " of ±0",
                           compare_exact(zeros, apply<A>(direction::forward, f, zeros), expected));
            });
            CHECK(bits(f(-T(0))) == bits(expected(-T(0))));
        }
    });
}

TEMPLATE_TEST_CASE("-inf and large negative x give the limit exactly", "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    // Past the saturation points (ELU/SELU: α·e^x below a quarter ULP of α; float from −18.1,
    // double from −38.2), the result is the limit itself, not a neighbour: relu 0, elu −α,
    // selu −λα; Leaky ReLU stays α·x.
    std::vector<T> x = {-L::infinity(), -L::max(), T(-1e30f), T(-FLT_MAX), T(-200), T(-1000)};
    for (T v = sizeof(T) == 4 ? T(-19) : T(-39); v > T(-120); v -= T(0.375)) x.push_back(v);
    x = cycled(x);
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const auto expected = [&f](T v) {
            if constexpr (is_leaky<F>) return static_cast<T>(contract<F>::forward(f, v));
            else return contract<F>::template limit<T>(f);
        };
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            check_none(where<T, A>(name, "forward") + " past saturation",
                       compare_exact(x, apply<A>(direction::forward, f, x), expected));
        });
        CHECK(bits(f(-L::infinity())) == bits(expected(-L::infinity())));
    });
    // The derivative there: 0 (ReLU), α (Leaky), and e^x = +0 (ELU, SELU) where e^x underflows.
    const std::vector<T> deep = cycled<T>({-L::infinity(), -L::max(), T(-1e30f), T(-FLT_MAX), T(-1000)});
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const auto expected = [&f](T) {
            (void)f;  // used only for ReLU and Leaky (clang warns of the capture otherwise)
            if constexpr (is_relu<F> || is_leaky<F>) return contract<F>::template left_derivative<T>(f);
            else return T(0);
        };
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            check_none(where<T, A>(name, "derivative") + " at -inf and beyond",
                       compare_exact(deep, apply<A>(direction::derivative, f, deep), expected));
        });
    });
}

TEMPLATE_TEST_CASE("ELU and SELU approach their limit from above and never pass it", "[semantics]",
                   float, double) {
    using T = TestType;
    std::vector<T> x;
    for (T v = T(-8); v > T(-60); v -= T(1) / 64) x.push_back(v);
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (!is_relu<F> && !is_leaky<F>) {
            const T limit = contract<F>::template limit<T>(f);
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                const auto y = apply<A>(direction::forward, f, x);
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const T expected = static_cast<T>(contract<F>::forward(f, x[i]));
                    if (y[i] < limit || ulps(y[i], expected) > 1)
                        bad.add("x = ", show(x[i]), ": got ", show(y[i]), ", expected ", show(expected),
                                ", limit ", show(limit));
                }
                check_none(where<T, A>(name, "forward") + " near saturation", bad);
            });
        }
    });
}

TEMPLATE_TEST_CASE("subnormal inputs and results are kept, never flushed", "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    const T tiny = sizeof(T) == 4 ? T(1e-40f) : T(1e-310);  // a subnormal of T
    REQUIRE(tiny < L::min());
    const std::vector<T> x = cycled<T>({tiny, -tiny, L::denorm_min(), -L::denorm_min(), 2 * L::denorm_min(),
                                        -2 * L::denorm_min(), -6 * L::denorm_min(), L::min() / 3, -L::min() / 3});
    const rectify::elu elu1;
    const rectify::leaky_relu half{0.5};
    for_each_arch<T>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        // ELU with α = 1 and ReLU, Leaky ReLU on positives: the input itself, bit for bit.
        check_none(where<T, A>("elu(1)", "forward") + " of subnormals",
                   compare_exact(x, apply<A>(direction::forward, elu1, x), [](T v) { return v; }));
        check_none(where<T, A>("relu", "forward") + " of subnormals",
                   compare_exact(x, apply<A>(direction::forward, rectify::relu{}, x),
                                 [](T v) { return v > 0 ? v : T(0); }));
        // Leaky ReLU, α = 0.5: 0.5·x, exactly what the formula gives (a subnormal, or ±0 when
        // it rounds there; it is exact for the even multiples of the smallest subnormal).
        check_none(where<T, A>("leaky_relu(0.5)", "forward") + " of subnormals",
                   compare_exact(x, apply<A>(direction::forward, half, x),
                                 [](T v) { return v > 0 ? v : T(0.5) * v; }));
        const auto y = apply<A>(direction::forward, half, x);
        CHECK(y[5] == -L::denorm_min());  // 0.5 · (−2 · denorm_min), not flushed to −0
        // Every activation on subnormals: within its ULP bound, and never 0 unless the formula
        // itself rounds to 0.
        for_each_activation([&](const char* name, const auto& f) {
            using F = std::decay_t<decltype(f)>;
            const auto out = apply<A>(direction::forward, f, x);
            failures bad;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const T expected = static_cast<T>(contract<F>::forward(f, x[i]));
                if ((expected != 0 && out[i] == 0) || ulps(out[i], expected) > max_ulp(f))
                    bad.add("x = ", show(x[i]), ": got ", show(out[i]), ", expected ", show(expected));
            }
            check_none(where<T, A>(name, "forward") + " of subnormals", bad);
        });
        // Subnormal results: ELU's and SELU's derivative α·e^x where e^x is subnormal (float
        // −95 → 5.5e-42, double −720 → 2.2e-313) is a positive subnormal within 1 ULP.
        const T deep = sizeof(T) == 4 ? T(-95) : T(-720);
        for_each_activation([&](const char* name, const auto& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (!is_relu<F> && !is_leaky<F>) {
                const auto d = apply<A>(direction::derivative, f, cycled<T>({deep}));
                const T expected = static_cast<T>(contract<F>::derivative(f, deep));
                INFO((where<T, A>(name, "derivative")) << " at " << show(deep) << ": " << show(d[0])
                                                      << ", expected " << show(expected));
                CHECK(d[0] > 0);
                CHECK(d[0] < L::min());
                CHECK(ulps(d[0], expected) <= 1);
                CHECK(std::all_of(d.begin(), d.end(), [&](T v) { return same(v, d[0]); }));
            }
        });
    });
    CHECK(elu1(-tiny) == -tiny);
    CHECK(half(-2 * L::denorm_min()) == -L::denorm_min());
}

TEMPLATE_TEST_CASE("±FLT_MAX, ±DBL_MAX and ±inf", "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    const std::vector<T> x = cycled<T>({T(FLT_MAX), T(-FLT_MAX), L::max(), -L::max(), L::infinity(), -L::infinity()});
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const T limit = contract<F>::template limit<T>(f);
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            const auto y = apply<A>(direction::forward, f, x);
            failures bad;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const T expected = static_cast<T>(contract<F>::forward(f, x[i]));
                // Exact where the value is x itself, α·x, the limit, or an overflow to ±inf
                // (SELU: λ·max lies far past max + ½ ULP); else the activation's ULP bound.
                const bool exact = max_ulp(f) == 0 || std::isinf(expected) || expected == limit || expected == x[i];
                if (exact ? !same(y[i], expected) : ulps(y[i], expected) > max_ulp(f))
                    bad.add("x = ", show(x[i]), ": got ", show(y[i]), ", expected ", show(expected));
            }
            check_none(where<T, A>(name, "forward") + " of the largest values", bad);
        });
    });
    CHECK(rectify::selu{}(L::max()) == L::infinity());
    CHECK(rectify::selu{}(L::infinity()) == L::infinity());
}

TEMPLATE_TEST_CASE("the derivative at exactly 0 takes the left side, in every direction", "[semantics]",
                   float, double) {
    using T = TestType;
    const std::vector<T> zeros = cycled<T>({T(0), -T(0)});
    const std::vector<T> dy = cycled<T>({T(1), T(-2.5), T(3), T(0.375)}, zeros.size());
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const T left = contract<F>::template left_derivative<T>(f);  // relu 0, leaky α, elu α, selu λα
        CHECK(bits(f.derivative(T(0))) == bits(left));
        CHECK(bits(f.derivative(-T(0))) == bits(left));
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            check_none(where<T, A>(name, "derivative") + " at ±0",
                       compare_exact(zeros, apply<A>(direction::derivative, f, zeros), [&](T) { return left; }));
            std::vector<T> expected(zeros.size());
            for (std::size_t i = 0; i < zeros.size(); ++i) expected[i] = dy[i] * left;
            std::vector<direction> directions = {direction::backward};
            // From the output: y = ±0 comes from x = ±0, and agrees with the left side.
            if (has_from_output(f)) directions.push_back(direction::backward_from_output);
            for (direction d : directions) {
                const auto dx = apply<A>(d, f, zeros, dy);
                failures bad;
                for (std::size_t i = 0; i < zeros.size(); ++i)
                    if (!same(dx[i], expected[i]))
                        bad.add("at ", show(zeros[i]), ", dy = ", show(dy[i]), ": got ", show(dx[i]),
                                ", expected dy·", show(left), " = ", show(expected[i]));
                check_none(where<T, A>(name, name_of(d)) + " at ±0", bad);
            }
        });
    });
}

TEMPLATE_TEST_CASE("backward is dy times the derivative, bit for bit", "[semantics]", float, double) {
    using T = TestType;
    std::vector<T> x = special_values<T>();
    const auto sweep = random_inputs<T>(10000, 3);
    x.insert(x.end(), sweep.begin(), sweep.end());
    const auto dy = random_gradients<T>(x.size(), 4);
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>([&](auto arch) {  // every arch: each one's backward is its own derivative × dy
            using A = decltype(arch);
            const auto d = apply<A>(direction::derivative, f, x);
            const auto dx = apply<A>(direction::backward, f, x, dy);
            failures bad;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!same(dx[i], dy[i] * d[i]))
                    bad.add("x = ", show(x[i]), ", dy = ", show(dy[i]), ": got ", show(dx[i]),
                            ", dy·f'(x) = ", show(dy[i] * d[i]));
            check_none(where<T, A>(name, "backward"), bad);
        });
    });
}

// backward_from_output recovers f'(x) from y = f(x). For ReLU and Leaky ReLU with α > 0 that is
// exact: y > 0 exactly where x > 0. For ELU and SELU, f'(x) = y + α (y + λα), and y's own
// rounding error (≤ 1 ULP of y: the forward bound) is carried into it:
//  - on x ∈ [−ln 2, 0], |y| ≤ α/2 ≤ f'(x): y's ULP is at most f'(x)'s, and the two results stay
//    within 2 ULP of each other (measured on 4·10^5 inputs: 1 ULP for the derivatives themselves,
//    dy = 1, and 2 once each is multiplied by a random dy and rounded again);
//  - further out, y + α cancels: y's error is a few ULPs *of α* (|y| ≤ α), so
//    |Δ| ≤ 4·ulp(α)·|dy| + the two final roundings (1.5 ULP of α from y, 0.5 from the sum, 1.5
//    from backward's own derivative; measured: at most 0.75·ulp(α)·|dy|). Relative to a tiny
//    f'(x) that is large: backward_from_output is the cheaper, less accurate choice out there.
TEMPLATE_TEST_CASE("backward_from_output(f, f(x), dy) agrees with backward(f, x, dy)", "[semantics]",
                   float, double) {
    using T = TestType;
    std::vector<T> x = special_values<T>();
    const auto sweep = random_inputs<T>(10000, 5);
    x.insert(x.end(), sweep.begin(), sweep.end());
    for (T v = T(0); v > T(-0.6931472); v -= T(1) / 4096) x.push_back(v);
    const auto dy = random_gradients<T>(x.size(), 6);
    const std::vector<T> ones(x.size(), T(1));
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if (!has_from_output(f)) return;
        const T slope = contract<F>::template left_derivative<T>(f);  // α, λα: |y| ≤ it for x ≤ 0
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            const auto y = apply<A>(direction::forward, f, x);
            for (const auto* g : {&ones, &dy}) {
                const auto from_x = apply<A>(direction::backward, f, x, *g);
                const auto from_y = apply<A>(direction::backward_from_output, f, y, *g);
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const T a = from_x[i], b = from_y[i], gi = (*g)[i];
                    bool ok;
                    if (max_ulp(f) == 0 || !(x[i] <= 0)) ok = same(a, b);  // ReLU, Leaky; x > 0 or NaN
                    else if (!std::isfinite(gi)) ok = true;  // inf·(tiny f') against inf·0: nothing to bound
                    else if (x[i] >= T(-0.6931472)) ok = ulps(a, b) <= 2;
                    else if (!std::isfinite(a) || !std::isfinite(b)) ok = ulps(a, b) <= 2;  // dy·f' overflowed
                    else ok = std::fabs(a - b) <= 4 * ulp_of(slope) * std::fabs(gi) + ulp_of(a) + ulp_of(b);
                    if (!ok)
                        bad.add("x = ", show(x[i]), ", y = ", show(y[i]), ", dy = ", show(gi),
                                ": from y ", show(b), ", from x ", show(a), " (", ulps(a, b), " ULP)");
                }
                check_none(where<T, A>(name, "backward_from_output") + (g == &ones ? " (dy = 1)" : ""), bad);
            }
        });
    });
}

TEMPLATE_TEST_CASE("Leaky ReLU takes any finite α: above 1 and below 0", "[semantics]", float, double) {
    using T = TestType;
    const std::vector<T> x = cycled<T>({T(-2), T(2), T(-0.75), T(0), -T(0), T(-1e-3), T(5)});
    for (double alpha : {3.0, 1.5, 1.0, 0.0, -0.25, -2.0}) {
        const rectify::leaky_relu f{alpha};
        const T a = T(alpha);
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            const std::string what = "leaky_relu(" + std::to_string(alpha) + ") ";
            check_none(where<T, A>(what.c_str(), "forward"),
                       compare_exact(x, apply<A>(direction::forward, f, x), [a](T v) { return v > 0 ? v : a * v; }));
            check_none(where<T, A>(what.c_str(), "derivative"),
                       compare_exact(x, apply<A>(direction::derivative, f, x), [a](T v) { return v > 0 ? T(1) : a; }));
        });
    }
    CHECK(rectify::leaky_relu{3.0}(T(-2)) == T(-6));
    CHECK(rectify::leaky_relu{-0.25}(T(-2)) == T(0.5));
    CHECK(rectify::leaky_relu{-0.25}.derivative(T(-2)) == T(-0.25));
}

TEST_CASE("SELU's constants are the 32-digit values; λ·1 and λα are correctly rounded", "[semantics]") {
    STATIC_REQUIRE(rectify::selu::lambda == 1.0507009873554804934193349852946);
    STATIC_REQUIRE(rectify::selu::alpha == 1.6732632423543772848170429916717);
    STATIC_REQUIRE(rectify::selu::lambda_alpha == 0x1.c212cc640f030p0);
    const rectify::selu f;
    CHECK(f(1.0) == rectify::selu::lambda);
    CHECK(f(1.0f) == static_cast<float>(rectify::selu::lambda));
    CHECK(f.derivative(1.0) == rectify::selu::lambda);
    CHECK(f.derivative(1.0f) == static_cast<float>(rectify::selu::lambda));
    // selu(−inf) = −λα and f'(0) = λα, λα = λ·α formed in double (0x1.c212cc640f030p0),
    // rounded to float for float.
    const double la = static_cast<double>(selu_lambda_alpha);
    const float la_f = static_cast<float>(selu_lambda_alpha);
    CHECK(f(-std::numeric_limits<double>::infinity()) == -la);
    CHECK(f(-std::numeric_limits<float>::infinity()) == -la_f);
    CHECK(f.derivative(0.0) == la);
    CHECK(f.derivative(0.0f) == la_f);
    for_each_arch<double>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        const auto y = apply<A>(direction::forward, f, cycled<double>({1.0, -1e300, 2.0}));
        CHECK(y[0] == rectify::selu::lambda);
        CHECK(y[1] == -la);
    });
    for_each_arch<float>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        const auto y = apply<A>(direction::forward, f, cycled<float>({1.0f, -1e30f, 2.0f}));
        CHECK(y[0] == static_cast<float>(rectify::selu::lambda));
        CHECK(y[1] == -la_f);
    });
}

TEMPLATE_TEST_CASE("ELU with α = 1 runs its own kernel; a value and an array agree bit for bit",
                   "[semantics]", float, double) {
    // The array functions pick elu::alpha_one once per call (elu::with_kernel), operator() per
    // value: both must give the same bits, and α = 1 read at run time must not change them.
    using T = TestType;
    const auto x = random_inputs<T>(20000, 7);
    volatile double one = 1.0;  // α known only at run time
    const rectify::elu f{one};
    const rectify::elu::alpha_one k;
    std::vector<T> y(x.size()), d(x.size());
    rectify::forward(f, x.data(), y.data(), x.size());
    rectify::derivative(f, x.data(), d.data(), x.size());
    failures bad;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!same(y[i], f(x[i])) || !same(y[i], k(x[i])))
            bad.add("forward x = ", show(x[i]), ": array ", show(y[i]), ", value ", show(f(x[i])));
        if (!same(d[i], f.derivative(x[i])) || !same(d[i], k.derivative(x[i])))
            bad.add("derivative x = ", show(x[i]), ": array ", show(d[i]), ", value ", show(f.derivative(x[i])));
    }
    check_none("elu(1) array against value", bad);
}
