// tests/test_errors.cpp — every error: std::invalid_argument whose message names the
// values, raised before anything is written (every output is filled with a sentinel first and
// checked bit for bit afterwards); and what is not an error: in place with the same pointer, inputs
// overlapping each other, adjacent arrays, n = 0 with null pointers. Each runs on the scalar loop
// and the default instruction set. Span sizes are checked in test_span.cpp (C++20); the message
// and abort() with exceptions disabled by abort_on_error.cpp.
#include "support.hpp"

#include <stdexcept>

using namespace rectify_test;

namespace {

using error_archs = arch_list<rectify::scalar, rectify::default_arch>;

/// A buffer of n elements filled with a sentinel; unchanged() says whether any element was written.
template <class T>
class sentinel_buffer {
public:
    explicit sentinel_buffer(std::size_t n, T fill = T(-7.25)) : values_(n, fill), original_(values_) {}
    T* data() { return values_.data(); }
    bool unchanged() const { return std::memcmp(values_.data(), original_.data(), values_.size() * sizeof(T)) == 0; }

private:
    std::vector<T> values_, original_;
};

/// The names the library gives the pointers of each direction: input, gradient, output.
struct roles {
    const char* input;
    const char* gradient;
    const char* output;
};
roles roles_of(direction d) {
    switch (d) {
        case direction::forward: return {"x", nullptr, "y"};
        case direction::derivative: return {"x", nullptr, "d"};
        case direction::backward: return {"x", "dy", "dx"};
        default: return {"y", "dy", "dx"};
    }
}

template <class F>
std::string describe(const parameter_case<F>& c) {
    std::string text = c.where == refused::nowhere ? "a boundary taken everywhere" : "";
    for (const auto& part : c.message) text += (text.empty() ? "" : " / ") + part;
    return text;
}

std::string function_of(direction d) {
    return std::string("rectify::") + name_of(d) + ":";
}

}  // namespace

TEMPLATE_TEST_CASE("a null pointer with n > 0 is rejected before anything is written", "[errors]", float, double) {
    using T = TestType;
    constexpr std::size_t n = 37;
    const std::vector<T> input(n, T(-0.5)), gradient(n, T(2));
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(error_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                const roles r = roles_of(d);
                INFO(name << " " << name_of(d) << " on " << A::name());
                for (int missing = 0; missing < 3; ++missing) {
                    if (missing == 1 && r.gradient == nullptr) continue;
                    const char* role = missing == 0 ? r.input : missing == 1 ? r.gradient : r.output;
                    INFO("null: " << role);
                    sentinel_buffer<T> out(n);
                    const T* a = missing == 0 ? nullptr : input.data();
                    const T* g = r.gradient == nullptr ? nullptr : missing == 1 ? nullptr : gradient.data();
                    T* o = missing == 2 ? nullptr : out.data();
                    require_rejected([&] { apply<A>(d, f, a, g, o, n); },
                                     {function_of(d), std::string(role) + " is a null pointer", "n = 37"});
                    CHECK(out.unchanged());
                }
            }
        });
    });
}

TEMPLATE_TEST_CASE("an output overlapping an input without being the same pointer is rejected", "[errors]",
                   float, double) {
    using T = TestType;
    constexpr std::size_t n = 41;
    const std::string bytes = std::to_string(n * sizeof(T)) + " bytes";
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(error_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                const roles r = roles_of(d);
                // The output one element after, one before, and sharing only the last element.
                for (std::ptrdiff_t shift : {std::ptrdiff_t(1), std::ptrdiff_t(-1), std::ptrdiff_t(n - 1),
                                             -std::ptrdiff_t(n - 1)}) {
                    for (bool onto_gradient : {false, true}) {
                        if (onto_gradient && r.gradient == nullptr) continue;
                        INFO(name << " " << name_of(d) << " on " << A::name() << ": " << r.output << " = "
                                  << (onto_gradient ? r.gradient : r.input) << " + " << shift);
                        sentinel_buffer<T> shared(3 * n), other(n, T(1.5));
                        T* base = shared.data() + n;
                        T* out = base + shift;
                        const T* a = onto_gradient ? other.data() : base;
                        const T* g = r.gradient == nullptr ? nullptr : onto_gradient ? base : other.data();
                        require_rejected([&] { apply<A>(d, f, a, g, out, n); },
                                         {function_of(d), std::string(r.output) + " [", "overlaps",
                                          std::string(onto_gradient ? r.gradient : r.input) + " [", bytes});
                        CHECK(shared.unchanged());
                        CHECK(other.unchanged());
                    }
                }
            }
        });
    });
}

TEMPLATE_TEST_CASE("the same pointer (in place), overlapping inputs and adjacent arrays are accepted", "[errors]",
                   float, double) {
    using T = TestType;
    constexpr std::size_t n = 29;
    const auto x = random_inputs<T>(n, 21);
    const auto dy = random_gradients<T>(n, 22);
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(error_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                INFO(name << " " << name_of(d) << " on " << A::name());
                const auto expected = apply<A>(d, f, x, dy);
                const auto same_as_expected = [&](const T* out) {
                    for (std::size_t i = 0; i < n; ++i)
                        if (!same(out[i], expected[i])) return false;
                    return true;
                };
                // Output == input.
                std::vector<T> a = x, g = dy;
                apply<A>(d, f, a.data(), g.data(), a.data(), n);
                CHECK(same_as_expected(a.data()));
                if (!takes_gradient(d)) continue;
                // Output == dy.
                a = x, g = dy;
                apply<A>(d, f, a.data(), g.data(), g.data(), n);
                CHECK(same_as_expected(g.data()));
                // Inputs overlapping each other (only outputs may not overlap): dy = x + 1.
                std::vector<T> both(n + 1, T(0.25));
                std::copy(x.begin(), x.end(), both.begin());
                std::vector<T> out(n);
                CHECK_NOTHROW(apply<A>(d, f, both.data(), both.data() + 1, out.data(), n));
                // All three the same array.
                a = x;
                CHECK_NOTHROW(apply<A>(d, f, a.data(), a.data(), a.data(), n));
            }
            // Adjacent, not overlapping: y right after x, and right before it.
            std::vector<T> buffer(3 * n);
            std::copy(x.begin(), x.end(), buffer.begin() + n);
            const T* none = nullptr;
            CHECK_NOTHROW(apply<A>(direction::forward, f, buffer.data() + n, none, buffer.data() + 2 * n, n));
            CHECK_NOTHROW(apply<A>(direction::forward, f, buffer.data() + n, none, buffer.data(), n));
        });
    });
}

TEMPLATE_TEST_CASE("n = 0 does nothing, null pointers included", "[errors]", float, double) {
    using T = TestType;
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(error_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                INFO(name << " " << name_of(d) << " on " << A::name());
                CHECK_NOTHROW(apply<A>(d, f, static_cast<const T*>(nullptr), static_cast<const T*>(nullptr),
                                       static_cast<T*>(nullptr), 0));
                sentinel_buffer<T> out(4);
                const T in[4] = {T(-1), T(1), T(-2), T(2)};
                CHECK_NOTHROW(apply<A>(d, f, in, in, out.data(), 0));
                CHECK(out.unchanged());
                // Overlap is about bytes touched: none when n = 0.
                CHECK_NOTHROW(apply<A>(d, f, out.data(), out.data(), out.data() + 1, 0));
            }
        });
    });
    for_each_arch<T>(error_archs{}, [&](auto arch) {
        using A = decltype(arch);
        for (rectify::channel_shape s : {rectify::channel_shape{0, 3, 4}, rectify::channel_shape{2, 0, 4},
                                         rectify::channel_shape{2, 3, 0}}) {
            INFO("shape {" << s.outer << ", " << s.channels << ", " << s.inner << "} on " << A::name());
            CHECK_NOTHROW(rectify::prelu_forward<A>(static_cast<const T*>(nullptr), static_cast<const T*>(nullptr),
                                                    static_cast<T*>(nullptr), s));
            CHECK_NOTHROW(rectify::prelu_backward<A>(static_cast<const T*>(nullptr), static_cast<const T*>(nullptr),
                                                     static_cast<const T*>(nullptr), static_cast<T*>(nullptr),
                                                     static_cast<T*>(nullptr), s));
        }
    });
}

TEMPLATE_TEST_CASE("every listed activation's from-output rule runs where its traits accept the parameters",
                   "[errors]", float, double) {
    using T = TestType;
    constexpr std::size_t n = 19;
    const std::vector<T> y(n, T(-0.125)), dy(n, T(3));
    for_each_activation([&](const char* name, const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (has_from_output_rule<F>::value) {
            for_each_arch<T>(error_archs{}, [&](auto arch) {
                using A = decltype(arch);
                INFO(name << " on " << A::name());
                sentinel_buffer<T> dx(n);
                const auto call = [&] { apply<A>(direction::backward_from_output, f, y.data(), dy.data(), dx.data(), n); };
                if (traits<F>::template from_output_accepted<T>(f)) {
                    CHECK_NOTHROW(call());
                } else {
                    require_rejected(call, {std::string("rectify::") + traits<F>::name, "backward_from_output"});
                    CHECK(dx.unchanged());
                }
            });
        }
    });
}

// Each activation's parameter_cases (its traits): values refused in every direction (NaN, ±inf,
// beyond the element type's range: a float call would compute with an infinite parameter), values
// only the from-output rule refuses, and boundaries every direction takes.
TEMPLATE_TEST_CASE("parameters outside their domain are rejected before anything is written", "[errors]",
                   float, double) {
    using T = TestType;
    constexpr std::size_t n = 23;
    const std::vector<T> x(n, T(-0.5)), dy(n, T(1));
    for_each_activation_type([&](auto tag) {
        using F = typename decltype(tag)::type;
        for (const parameter_case<F>& c : traits<F>::parameter_cases()) {
            const bool refused_here = c.where != refused::nowhere && (!c.float_only || sizeof(T) == sizeof(float));
            for_each_arch<T>(error_archs{}, [&](auto arch) {
                using A = decltype(arch);
                for (direction d : all_directions) {
                    if (d == direction::backward_from_output && !has_from_output_rule<F>::value) continue;
                    const bool refuses = refused_here && (c.where == refused::everywhere || d == direction::backward_from_output);
                    INFO(traits<F>::name << " (" << describe(c) << ") " << name_of(d) << " on " << A::name());
                    sentinel_buffer<T> out(n);
                    const auto call = [&] { apply<A>(d, c.f, x.data(), dy.data(), out.data(), n); };
                    if (refuses) {
                        require_rejected(call, c.message);
                        CHECK(out.unchanged());
                    } else if (!offers<T>(c.f, d)) {  // a case about another check, whose value the rule refuses too
                        require_rejected(call, {"backward_from_output"});
                    } else {
                        CHECK_NOTHROW(call());
                    }
                }
            });
        }
    });
}

TEMPLATE_TEST_CASE("PReLU: null pointers, overlaps and impossible shapes are rejected", "[errors][prelu]", float, double) {
    using T = TestType;
    const rectify::channel_shape s{2, 3, 5};  // n = 30
    constexpr std::size_t n = 30, c = 3;
    const std::vector<T> x(n, T(-1)), dy(n, T(0.5)), slopes = {T(0.1), T(0.2), T(0.3)};
    for_each_arch<T>(error_archs{}, [&](auto arch) {
        using A = decltype(arch);
        INFO("on " << A::name());
        // Null pointers.
        {
            sentinel_buffer<T> y(n);
            require_rejected([&] { rectify::prelu_forward<A>(static_cast<const T*>(nullptr), slopes.data(), y.data(), s); },
                             {"rectify::prelu_forward", "x is a null pointer", "n = 30"});
            require_rejected([&] { rectify::prelu_forward<A>(x.data(), static_cast<const T*>(nullptr), y.data(), s); },
                             {"rectify::prelu_forward", "slopes is a null pointer", "n = 3"});
            require_rejected([&] { rectify::prelu_forward<A>(x.data(), slopes.data(), static_cast<T*>(nullptr), s); },
                             {"rectify::prelu_forward", "null pointer", "n = 30"});
            CHECK(y.unchanged());
        }
        const char* backward_names[] = {"x", "slopes", "dy", "dx", "dslopes"};
        for (int missing = 0; missing < 5; ++missing) {
            INFO("null: " << backward_names[missing]);
            sentinel_buffer<T> dx(n), dslopes(c);
            const T* px = missing == 0 ? nullptr : x.data();
            const T* ps = missing == 1 ? nullptr : slopes.data();
            const T* pg = missing == 2 ? nullptr : dy.data();
            T* pdx = missing == 3 ? nullptr : dx.data();
            T* pds = missing == 4 ? nullptr : dslopes.data();
            require_rejected([&] { rectify::prelu_backward<A>(px, ps, pg, pdx, pds, s); },
                             {"rectify::prelu_backward", "null pointer"});
            CHECK(dx.unchanged());
            CHECK(dslopes.unchanged());
        }
        // Overlaps: y one element past x; dx one past x and one past dy; dslopes inside x, dy,
        // dx or slopes, and dslopes == dx (dslopes may share no byte with anything).
        {
            sentinel_buffer<T> buffer(2 * n);
            require_rejected([&] { rectify::prelu_forward<A>(buffer.data(), slopes.data(), buffer.data() + 1, s); },
                             {"rectify::prelu_forward", "overlaps"});
            CHECK(buffer.unchanged());
            sentinel_buffer<T> dslopes(c);
            require_rejected([&] { rectify::prelu_backward<A>(buffer.data(), slopes.data(), dy.data(), buffer.data() + 1, dslopes.data(), s); },
                             {"rectify::prelu_backward", "overlaps"});
            require_rejected([&] { rectify::prelu_backward<A>(x.data(), slopes.data(), buffer.data(), buffer.data() + 1, dslopes.data(), s); },
                             {"rectify::prelu_backward", "overlaps"});
            CHECK(buffer.unchanged());
            CHECK(dslopes.unchanged());
        }
        {
            std::vector<T> xs = x, gs = dy, ss = slopes;
            sentinel_buffer<T> dx(n);
            const auto before_x = xs, before_g = gs, before_s = ss;
            require_rejected([&] { rectify::prelu_backward<A>(xs.data(), slopes.data(), dy.data(), dx.data(), xs.data() + 4, s); },
                             {"dslopes", "overlaps", "x"});
            require_rejected([&] { rectify::prelu_backward<A>(x.data(), slopes.data(), gs.data(), dx.data(), gs.data(), s); },
                             {"dslopes", "overlaps", "dy"});
            require_rejected([&] { rectify::prelu_backward<A>(x.data(), ss.data(), dy.data(), dx.data(), ss.data(), s); },
                             {"dslopes", "overlaps", "slopes"});
            require_rejected([&] { rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), dx.data() + n - 1, s); },
                             {"dslopes", "overlaps", "dx"});
            CHECK(xs == before_x);
            CHECK(gs == before_g);
            CHECK(ss == before_s);
            CHECK(dx.unchanged());
        }
        // An output over the slopes: every slope is read again after outputs are written, so no
        // overlap at all is allowed, the same pointer included ({1, 2, 100} with the slopes inside
        // y gave y[100] = -0.5 for -0.25 once the first run had overwritten them).
        {
            const rectify::channel_shape runs{1, 2, 100};
            const std::vector<T> xr(200, T(-1));
            sentinel_buffer<T> y(200, T(0.25)), dx(200, T(0.25)), ds(2);
            for (std::size_t at : {std::size_t(0), std::size_t(100), std::size_t(199)}) {
                INFO("slopes at output + " << at);
                require_rejected([&] { rectify::prelu_forward<A>(xr.data(), y.data() + at, y.data(), runs); },
                                 {"rectify::prelu_forward", "y", "overlaps", "slopes"});
                require_rejected([&] {
                    rectify::prelu_backward<A>(xr.data(), dx.data() + at, xr.data(), dx.data(), ds.data(), runs);
                }, {"rectify::prelu_backward", "dx", "overlaps", "slopes"});
            }
            CHECK(y.unchanged());
            CHECK(dx.unchanged());
            CHECK(ds.unchanged());
            // Slopes beside the output, not in it, are fine.
            std::vector<T> both(202, T(0.25));
            CHECK_NOTHROW(rectify::prelu_forward<A>(xr.data(), both.data() + 200, both.data(), runs));
        }
        // A shape whose element count does not fit in size_t.
        const rectify::channel_shape huge{std::numeric_limits<std::size_t>::max() / 2, 3, 1};
        sentinel_buffer<T> y(n);
        require_rejected([&] { rectify::prelu_forward<A>(x.data(), slopes.data(), y.data(), huge); },
                         {"rectify::prelu_forward", "shape", std::to_string(huge.outer)});
        CHECK(y.unchanged());
    });
}
