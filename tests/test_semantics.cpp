// tests/test_semantics.cpp — the semantics, one test per rule, for every activation of the list
// (activation_traits.hpp) × float and double × forward, derivative, backward and
// backward_from_output × the scalar loop and the build's default instruction set (every other
// instruction set is held to the scalar loop, special values included, by test_simd_vs_scalar).
// Every expected value comes from the activation's traits (tests/traits/), never from the library;
// no rule here names an activation.
//
// Compiled as RECTIFY_TEST_SLICES units (tests/CMakeLists.txt), each running every rule on the
// activations of its slice (RECTIFY_TEST_SLICE), and the tests of single activations in slice 0.
#include "support.hpp"

#include <algorithm>

using namespace rectify_test;

namespace {

using semantic_archs = arch_list<rectify::scalar, rectify::default_arch>;

/// fn(name, f) for every activation of this unit's slice of the list.
template <class Fn>
void for_each_slice_activation(Fn&& fn) {
    for_each_activation_in_slice<RECTIFY_TEST_SLICE, RECTIFY_TEST_SLICES>(fn);
}

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

/// out[i] for every i: the limit `slope` of a derivative (is_slope: a zero of either sign).
template <class T>
failures compare_slope(const std::vector<T>& x, const std::vector<T>& out, T slope) {
    failures bad;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!is_slope(out[i], slope)) bad.add("x = ", show(x[i]), ": got ", show(out[i]), ", expected ", show(slope));
    return bad;
}

template <class T>
std::vector<T> without_nans(std::vector<T> v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](T x) { return std::isnan(x); }), v.end());
    return v;
}

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

/// The inputs an activation's traits single out, with their neighbours: kinks, the points past
/// which a limit is reached, and those with subnormal results.
template <class T, class F>
std::vector<T> contract_points(const F& f) {
    using Tr = traits<F>;
    std::vector<T> v;
    const auto around = [&v](T x) {
        if (!std::isfinite(x)) return;
        v.insert(v.end(), {x, -x, std::nextafter(x, -std::numeric_limits<T>::infinity()),
                           std::nextafter(x, std::numeric_limits<T>::infinity())});
    };
    for (const auto& k : Tr::template kinks<T>(f)) around(k.x);
    for (const auto& t : {Tr::template minus_inf<T>(f), Tr::template plus_inf<T>(f)})
        if (t.how != approach::none) around(t.reached);
    for (const auto& s : Tr::template subnormal_results<T>(f)) around(s.x);
    return v;
}

/// The bound for direction d (forward or derivative) at x: the activation's ULP bound where its
/// contract is not trivially exact, 0 (the formula, bit for bit) where it is.
template <class F, class T>
std::int64_t bound_at(const F& f, direction d, T x) {
    return traits<F>::template swept<T>(f, d).contains(x) ? traits<F>::max_ulp : 0;
}

/// Within the bound of bound_at, and a zero result only where the exact value rounds to zero or
/// to the smallest subnormal (one rounding step, within the bound, not a flush), with its sign.
/// Adds a failure to `bad` otherwise.
template <class F, class T>
void judge(failures& bad, const F& f, direction d, T x, T got) {
    const std::int64_t allowed = bound_at(f, d, x);
    if (allowed > 0 && !reference_judges<F, T>()) return;  // no exact reference on this target
    const auto e = exact(f, d, x);
    const T expected = rounded<T>(e);
    const bool wrong_zero = got == 0 && ((expected != 0 && (allowed == 0 || std::fabs(expected) > std::numeric_limits<T>::denorm_min())) ||
                                         std::signbit(got) != std::signbit(expected));
    if (ulps(got, expected) > allowed || wrong_zero)
        bad.add("x = ", show(x), ": got ", show(got), ", expected ", show(expected), " (", allowed, " ULP allowed)");
}

}  // namespace

TEMPLATE_TEST_CASE(SLICED("forward and derivative follow the formulas on every special value"), "[semantics]",
                   float, double) {
    using T = TestType;
    std::vector<T> common = special_values<T>();
    const auto sweep = random_inputs<T>(20000, 1);
    common.insert(common.end(), sweep.begin(), sweep.end());
    for_each_slice_activation([&](const char* name, const auto& f) {
        std::vector<T> x = common;
        const auto own = contract_points<T>(f);
        x.insert(x.end(), own.begin(), own.end());
        for (direction d : {direction::forward, direction::derivative}) {
            const auto check = [&](const std::vector<T>& out, const std::string& what) {
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) judge(bad, f, d, x[i], out[i]);
                check_none(what, bad);
            };
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                check(apply<A>(d, f, x), where<T, A>(name, name_of(d)));
            });
            // The one-element API, f(x) and f.derivative(x), on T.
            std::vector<T> one(x.size());
            for (std::size_t i = 0; i < x.size(); ++i)
                one[i] = d == direction::forward ? f(x[i]) : f.derivative(x[i]);
            check(one, std::string(name) + " " + name_of(d) + ", one element of " + type_name<T>());
        }
    });
}

TEMPLATE_TEST_CASE(SLICED("NaN in gives NaN out, in every function and every direction"), "[semantics]",
                   float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    const std::vector<T> nans = cycled<T>({L::quiet_NaN(), -L::quiet_NaN(),
                                           from_bits<T>(bits(L::quiet_NaN()) | 0x15)});
    const std::vector<T> numbers = cycled(without_nans(special_values<T>()));
    const std::vector<T> gradients = cycled<T>({T(1), T(0), -T(0), T(-2.5), L::infinity(), L::denorm_min()},
                                               nans.size());
    const std::vector<T> nan_gradients(numbers.size(), L::quiet_NaN());
    for_each_slice_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
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

TEMPLATE_TEST_CASE(SLICED("f(+0) and f(-0) follow the activation's zero rule"), "[semantics]", float, double) {
    using T = TestType;
    const std::vector<T> zeros = cycled<T>({-T(0), T(0)});
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const zero_rule rule = traits<F>::zero(f);
        const auto expected = [&](T z) {
            switch (rule) {
                case zero_rule::keeps_sign: return z;
                case zero_rule::positive: return T(0);
                case zero_rule::flips_sign: return -z;
                default: return rounded<T>(traits<F>::forward(f, z));
            }
        };
        for (T z : {T(0), -T(0)}) {
            INFO(name << ": the traits' rule and their formula at " << show(z));
            CHECK(same(rounded<T>(traits<F>::forward(f, z)), expected(z)));
            CHECK(same(f(z), expected(z)));
        }
        if (rule == zero_rule::value) CHECK(expected(T(0)) != 0);
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            check_none(where<T, A>(name, "forward") + " of ±0",
                       compare_exact(zeros, apply<A>(direction::forward, f, zeros), expected));
        });
    });
}

TEMPLATE_TEST_CASE(SLICED("f and f' at ±inf and beyond the saturation points are the limits, exactly"),
                   "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        for (T side : {T(-1), T(1)}) {
            const tail<T> t = side < 0 ? traits<F>::template minus_inf<T>(f) : traits<F>::template plus_inf<T>(f);
            const std::string at = side < 0 ? " towards -inf" : " towards +inf";
            INFO(name << at << ": the traits' limits and their formulas at " << show(side * L::infinity()));
            CHECK(same(rounded<T>(traits<F>::forward(f, side * L::infinity())), t.value));
            CHECK(is_slope(rounded<T>(traits<F>::derivative(f, side * L::infinity())), t.slope));
            // f: the limit at ±inf, and beyond `reached` where there is one.
            std::vector<T> x = {side * L::infinity()};
            if (t.how != approach::none) {
                for (T v : {L::max(), T(1e30f), T(FLT_MAX), T(200), T(1000)})
                    if (v >= side * t.reached) x.push_back(side * v);
                for (T v = t.reached; side * v <= side * t.reached + 100; v += side * T(0.375)) x.push_back(v);
            }
            x = cycled(x);
            // f': the limit from |x| = slope_from on, where every exponential has underflowed.
            const std::vector<T> deep = cycled<T>({side * L::infinity(), side * L::max(), side * T(1e30f),
                                                   side * T(FLT_MAX), side * t.slope_from});
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                check_none(where<T, A>(name, "forward") + at,
                           compare_exact(x, apply<A>(direction::forward, f, x), [&](T) { return t.value; }));
                check_none(where<T, A>(name, "derivative") + at,
                           compare_slope(deep, apply<A>(direction::derivative, f, deep), t.slope));
            });
            CHECK(same(f(side * L::infinity()), t.value));
            CHECK(is_slope(f.derivative(side * L::infinity()), t.slope));
        }
    });
}

TEMPLATE_TEST_CASE(SLICED("f approaches its finite limits from the side its traits say, and never passes them"),
                   "[semantics]", float, double) {
    using T = TestType;
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        for (T side : {T(-1), T(1)}) {
            const tail<T> t = side < 0 ? traits<F>::template minus_inf<T>(f) : traits<F>::template plus_inf<T>(f);
            if (t.how == approach::none) continue;
            std::vector<T> x;
            const T end = std::max(T(60), T(1.5) * std::fabs(t.reached));
            for (T v = side / 64; side * v <= end; v += side / 64) x.push_back(v);
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                const auto y = apply<A>(direction::forward, f, x);
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const bool beyond = side * x[i] >= side * t.reached;
                    const bool ok = t.how == approach::from_above ? y[i] >= t.value
                                    : t.how == approach::from_below ? y[i] <= t.value
                                                                    : !beyond || same(y[i], t.value);
                    if (!ok) bad.add("x = ", show(x[i]), ": got ", show(y[i]), ", limit ", show(t.value));
                    judge(bad, f, direction::forward, x[i], y[i]);
                }
                check_none(where<T, A>(name, "forward") + (side < 0 ? " towards -inf" : " towards +inf"), bad);
            });
        }
    });
}

TEMPLATE_TEST_CASE(SLICED("subnormal inputs and results are kept, never flushed"), "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    constexpr T tiny = sizeof(T) == 4 ? T(1e-40f) : T(1e-310);
    static_assert(tiny < L::min(), "a subnormal of T");
    const std::vector<T> x = cycled<T>({tiny, -tiny, L::denorm_min(), -L::denorm_min(), 2 * L::denorm_min(),
                                        -2 * L::denorm_min(), -6 * L::denorm_min(), L::min() / 3, -L::min() / 3});
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            // Subnormal inputs: within the bound, and 0 only where the formula rounds to 0.
            for (direction d : {direction::forward, direction::derivative}) {
                const auto out = apply<A>(d, f, x);
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) judge(bad, f, d, x[i], out[i]);
                check_none(where<T, A>(name, name_of(d)) + " of subnormals", bad);
            }
            // Subnormal results: a subnormal of the formula's sign, within the bound.
            for (const auto& s : traits<F>::template subnormal_results<T>(f)) {
                if (!reference_judges<F, T>()) break;  // no exact reference on this target
                const auto out = apply<A>(s.d, f, cycled<T>({s.x}));
                const T expected = rounded<T>(exact(f, s.d, s.x));
                INFO((where<T, A>(name, name_of(s.d))) << " at " << show(s.x) << ": " << show(out[0]) << ", expected "
                                                     << show(expected));
                CHECK(expected != 0);
                CHECK(std::fabs(expected) < L::min());
                CHECK(out[0] != 0);
                CHECK(std::fabs(out[0]) < L::min());
                CHECK(std::signbit(out[0]) == std::signbit(expected));
                CHECK(ulps(out[0], expected) <= traits<F>::max_ulp);
                CHECK(std::all_of(out.begin(), out.end(), [&](T v) { return same(v, out[0]); }));
            }
        });
    });
}

TEMPLATE_TEST_CASE(SLICED("±FLT_MAX, ±DBL_MAX and ±inf"), "[semantics]", float, double) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    const std::vector<T> x = cycled<T>({T(FLT_MAX), T(-FLT_MAX), L::max(), -L::max(), L::infinity(), -L::infinity()});
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        const T limits[] = {traits<F>::template minus_inf<T>(f).value, traits<F>::template plus_inf<T>(f).value};
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            const auto y = apply<A>(direction::forward, f, x);
            failures bad;
            for (std::size_t i = 0; i < x.size(); ++i) {
                const T expected = rounded<T>(traits<F>::forward(f, x[i]));
                // Exact where the value is x itself, a limit, an overflow to ±inf (SELU: λ·max lies
                // far past max + ½ ULP) or anything trivially exact; else the activation's bound.
                const bool exact = bound_at(f, direction::forward, x[i]) == 0 || std::isinf(expected) ||
                                   same(expected, limits[0]) || same(expected, limits[1]) || expected == x[i];
                if (exact ? !same(y[i], expected) : ulps(y[i], expected) > traits<F>::max_ulp)
                    bad.add("x = ", show(x[i]), ": got ", show(y[i]), ", expected ", show(expected));
            }
            check_none(where<T, A>(name, "forward") + " of the largest values", bad);
        });
    });
}

TEMPLATE_TEST_CASE(SLICED("the derivative at a kink takes the traits' value, in every direction"), "[semantics]",
                   float, double) {
    using T = TestType;
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        for (const kink<T>& k : traits<F>::template kinks<T>(f)) {
            const std::vector<T> points = k.x == 0 ? std::vector<T>{T(0), -T(0)} : std::vector<T>{k.x};
            const std::vector<T> at = cycled(points);
            const std::vector<T> dy = cycled<T>({T(1), T(-2.5), T(3), T(0.375)}, at.size());
            for (T v : points) {
                INFO(name << ": derivative at " << show(v) << ", the traits' kink and their formula");
                CHECK(same(rounded<T>(traits<F>::derivative(f, v)), k.derivative));
                CHECK(same(f.derivative(v), k.derivative));
            }
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                const std::string kink_name = " at " + show(k.x) + (k.x == 0 ? " and -0" : "");
                check_none(where<T, A>(name, "derivative") + kink_name,
                           compare_exact(at, apply<A>(direction::derivative, f, at), [&](T) { return k.derivative; }));
                // backward: dy times that value; from the output y = f(kink), the same value.
                std::vector<T> inputs[2] = {at, apply<A>(direction::forward, f, at)};
                for (direction d : {direction::backward, direction::backward_from_output}) {
                    if (!offers<T>(f, d)) continue;
                    const auto& a = inputs[d == direction::backward_from_output];
                    const auto dx = apply<A>(d, f, a, dy);
                    failures bad;
                    for (std::size_t i = 0; i < at.size(); ++i)
                        if (!same(dx[i], T(dy[i] * k.derivative)))
                            bad.add("at ", show(a[i]), ", dy = ", show(dy[i]), ": got ", show(dx[i]), ", expected dy·",
                                    show(k.derivative));
                    check_none(where<T, A>(name, name_of(d)) + kink_name, bad);
                }
            });
        }
    });
}

TEMPLATE_TEST_CASE(SLICED("backward is dy times the derivative, bit for bit"), "[semantics]", float, double) {
    using T = TestType;
    std::vector<T> x = special_values<T>();
    const auto sweep = random_inputs<T>(10000, 3);
    x.insert(x.end(), sweep.begin(), sweep.end());
    const auto dy = random_gradients<T>(x.size(), 4);
    for_each_slice_activation([&](const char* name, const auto& f) {
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

namespace {
/// x: the special values, random inputs and a fine grid of [−ln 2, 0], where |y| is small.
template <class T>
std::vector<T> from_output_inputs(std::uint64_t seed) {
    std::vector<T> x = special_values<T>();
    const auto sweep = random_inputs<T>(10000, seed);
    x.insert(x.end(), sweep.begin(), sweep.end());
    for (T v = T(0); v > T(-0.6931472); v -= T(1) / 4096) x.push_back(v);
    return x;
}
}  // namespace

TEMPLATE_TEST_CASE(SLICED("backward_from_output is dy times the traits' rule on y"), "[semantics]", float, double) {
    using T = TestType;
    const auto x = from_output_inputs<T>(5);
    const auto dy = random_gradients<T>(x.size(), 6);
    const std::vector<T> ones(x.size(), T(1));
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (has_from_output_rule<F>::value) {
            if (!offers<T>(f, direction::backward_from_output)) return;
            for_each_arch<T>(semantic_archs{}, [&](auto arch) {
                using A = decltype(arch);
                const auto y = apply<A>(direction::forward, f, x);
                const auto rule = apply<A>(direction::backward_from_output, f, y, ones);
                const auto dx = apply<A>(direction::backward_from_output, f, y, dy);
                failures bad;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const T expected = rounded<T>(traits<F>::from_output(f, y[i]));
                    const bool ok = traits<F>::from_output_max_ulp == 0 ? same(rule[i], expected)
                                                                        : ulps(rule[i], expected) <= traits<F>::from_output_max_ulp;
                    if (!ok || !same(dx[i], T(dy[i] * rule[i])))
                        bad.add("y = ", show(y[i]), ", dy = ", show(dy[i]), ": rule ", show(rule[i]), ", expected ",
                                show(expected), "; dx ", show(dx[i]));
                    if (!same(f.derivative_from_output(y[i]), rule[i]))
                        bad.add("y = ", show(y[i]), ": one element gives ", show(f.derivative_from_output(y[i])),
                                ", the array ", show(rule[i]));
                }
                check_none(where<T, A>(name, "backward_from_output"), bad);
            });
        }
    });
}

// backward_from_output recovers f'(x) from y = f(x), y carrying the forward error (≤ max_ulp ULP
// of y): the rule moves it by at most from_output_gain·that. Where every part is the formula in T
// (ReLU, Leaky ReLU: y > 0 exactly where x > 0) the two agree bit for bit; else within
//   |dy|·gain·(max_ulp + 1)·ulp(y)  (y's error, and the rounding of y's own rule)
//   + (2·max_ulp + from_output_max_ulp + 1)·(ulp(a) + ulp(b))  (f'(x)'s error, carried through
//     the product with dy, and the roundings of the two products).
// For ELU and SELU beyond x ≈ −ln 2, y + α cancels: the error is a few ULPs of α times |dy|, large
// relative to a tiny f'(x): backward_from_output is the cheaper, less accurate choice out there.
TEMPLATE_TEST_CASE(SLICED("backward_from_output(f, f(x), dy) agrees with backward(f, x, dy)"), "[semantics]",
                   float, double) {
    using T = TestType;
    const auto x = from_output_inputs<T>(7);
    const auto dy = random_gradients<T>(x.size(), 8);
    const std::vector<T> ones(x.size(), T(1));
    for_each_slice_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (has_from_output_rule<F>::value) {
            if (!offers<T>(f, direction::backward_from_output)) return;
            const double gain = traits<F>::from_output_gain(f);
            const int u = traits<F>::max_ulp, r = traits<F>::from_output_max_ulp;
            const bool bitwise = u == 0 && r == 0 && gain == 0;
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
                        if (same(a, b)) ok = true;
                        else if (bitwise || !std::isfinite(y[i])) ok = false;
                        else if (!std::isfinite(gi)) ok = true;  // inf·(tiny f') against inf·0: nothing to bound
                        else if (!std::isfinite(a) || !std::isfinite(b)) ok = ulps(a, b) <= 2;  // dy·f' overflowed
                        else
                            ok = std::fabs(a - b) <= std::fabs(gi) * gain * (u + 1) * ulp_of(y[i]) +
                                                         (2 * u + r + 1) * (ulp_of(a) + ulp_of(b));
                        if (!ok)
                            bad.add("x = ", show(x[i]), ", y = ", show(y[i]), ", dy = ", show(gi), ": from y ", show(b),
                                    ", from x ", show(a), " (", ulps(a, b), " ULP)");
                    }
                    check_none(where<T, A>(name, "backward_from_output") + (g == &ones ? " (dy = 1)" : ""), bad);
                }
            });
        }
    });
}

#if RECTIFY_TEST_SLICE == 0
// What the list cannot say about single activations: more parameter values, named constants, a
// kernel chosen by parameter value.

TEMPLATE_TEST_CASE("Leaky ReLU takes any finite α: above 1 and below 0", "[semantics]", float, double) {
    using T = TestType;
    const std::vector<T> x = cycled<T>({T(-2), T(2), T(-0.75), T(0), -T(0), T(-1e-3), T(5)});
    using Tr = traits<rectify::leaky_relu>;
    for (double alpha : {3.0, 1.5, 1.0, 0.0, -0.25, -2.0}) {
        const rectify::leaky_relu f{alpha};
        for_each_arch<T>(semantic_archs{}, [&](auto arch) {
            using A = decltype(arch);
            const std::string what = "leaky_relu(" + std::to_string(alpha) + ") ";
            check_none(where<T, A>(what.c_str(), "forward"), compare_exact(x, apply<A>(direction::forward, f, x), [&](T v) {
                           return rounded<T>(Tr::forward(f, v));
                       }));
            check_none(where<T, A>(what.c_str(), "derivative"),
                       compare_exact(x, apply<A>(direction::derivative, f, x),
                                     [&](T v) { return rounded<T>(Tr::derivative(f, v)); }));
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
    STATIC_REQUIRE(rectify::selu::lambda == selu_lambda);
    STATIC_REQUIRE(rectify::selu::lambda_alpha == selu_lambda_alpha);
    const rectify::selu f;
    CHECK(f(1.0) == rectify::selu::lambda);
    CHECK(f(1.0f) == static_cast<float>(rectify::selu::lambda));
    CHECK(f.derivative(1.0) == rectify::selu::lambda);
    CHECK(f.derivative(1.0f) == static_cast<float>(rectify::selu::lambda));
    for_each_arch<double>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        const auto y = apply<A>(direction::forward, f, cycled<double>({1.0, 2.0}));
        CHECK(y[0] == rectify::selu::lambda);
        CHECK(y[1] == 2 * rectify::selu::lambda);
    });
    for_each_arch<float>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        const auto y = apply<A>(direction::forward, f, cycled<float>({1.0f, 2.0f}));
        CHECK(y[0] == static_cast<float>(rectify::selu::lambda));
        CHECK(y[1] == 2 * static_cast<float>(rectify::selu::lambda));
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
    // expm1(x) = x·(1 + x/2 + …) rounds to x itself for subnormal x: its own kernel keeps them.
    using L = std::numeric_limits<T>;
    const std::vector<T> tiny = cycled<T>({L::denorm_min(), -L::denorm_min(), -3 * L::denorm_min(), -L::min() / 3});
    for_each_arch<T>(semantic_archs{}, [&](auto arch) {
        using A = decltype(arch);
        check_none(where<T, A>("elu(1)", "forward") + " of subnormals",
                   compare_exact(tiny, apply<A>(direction::forward, f, tiny), [](T v) { return v; }));
    });
}
#endif
