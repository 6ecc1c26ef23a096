// tests/test_span.cpp — the std::span forms of the array functions and of PReLU. The one test
// compiled as C++20 (tests/CMakeLists.txt builds it only where the compiler has C++20, and it
// fails to compile if rectify's span forms are missing there): every size is checked, a mismatch
// is std::invalid_argument naming both sizes with nothing written, and matching spans give exactly
// what the pointer forms give (bit for bit; a NaN's sign and payload are not part of the contract,
// and the two calls are inlined and scheduled separately: a negation may land before or after
// the NaN is made).
#include "reference.hpp"
#include "support.hpp"

#include <algorithm>
#include <stdexcept>

using namespace rectify_test;

#include <span>

namespace {

using span_archs = arch_list<rectify::scalar, rectify::default_arch>;

template <class T>
std::span<const T> in(const std::vector<T>& v, std::size_t n) {
    return std::span<const T>(v.data(), n);
}
template <class T>
std::span<T> out(std::vector<T>& v, std::size_t n) {
    return std::span<T>(v.data(), n);
}

/// Direction d of f through the span forms.
template <class A, class F, class T>
void apply_spans(direction d, const F& f, std::span<const T> a, std::span<const T> dy, std::span<T> o) {
    switch (d) {
        case direction::forward: rectify::forward<A>(f, a, o); break;
        case direction::derivative: rectify::derivative<A>(f, a, o); break;
        case direction::backward: rectify::backward<A>(f, a, dy, o); break;
        case direction::backward_from_output:
            if constexpr (has_from_output_rule<F>::value) rectify::backward_from_output<A>(f, a, dy, o);
            else throw std::logic_error("backward_from_output of an activation without the rule");
            break;
    }
}

}  // namespace

TEMPLATE_TEST_CASE("span forms give what the pointer forms give", "[span]", float, double) {
    using T = TestType;
    constexpr std::size_t n = 53;
    const auto x = random_inputs<T>(n, 91), dy = random_gradients<T>(n, 92);
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(span_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                INFO(name << " " << name_of(d) << " on " << A::name());
                std::vector<T> expected(n), got(n);
                apply<A>(d, f, x.data(), dy.data(), expected.data(), n);
                apply_spans<A>(d, f, in(x, n), in(dy, n), out(got, n));
                CHECK(std::equal(got.begin(), got.end(), expected.begin(), same<T>));
                // Empty spans do nothing.
                CHECK_NOTHROW(apply_spans<A>(d, f, std::span<const T>(), std::span<const T>(), std::span<T>()));
            }
        });
    });
}

TEMPLATE_TEST_CASE("span sizes that differ are rejected before anything is written", "[span][errors]", float, double) {
    using T = TestType;
    constexpr std::size_t n = 17;
    const std::vector<T> x(n + 1, T(-0.5)), dy(n + 1, T(2));
    for_each_activation([&](const char* name, const auto& f) {
        for_each_arch<T>(span_archs{}, [&](auto arch) {
            using A = decltype(arch);
            for (direction d : all_directions) {
                if (!offers<T>(f, d)) continue;
                INFO(name << " " << name_of(d) << " on " << A::name());
                const std::string function = std::string("rectify::") + name_of(d);
                // The output one shorter, one longer; for the backward forms dy one shorter.
                for (std::size_t output_size : {n - 1, n + 1}) {
                    std::vector<T> o(n + 1, T(-7.25));
                    const auto before = o;
                    require_rejected([&] { apply_spans<A>(d, f, in(x, n), in(dy, n), out(o, output_size)); },
                                     {function, std::to_string(n), std::to_string(output_size)});
                    CHECK(o == before);
                }
                if (takes_gradient(d)) {
                    std::vector<T> o(n, T(-7.25));
                    const auto before = o;
                    require_rejected([&] { apply_spans<A>(d, f, in(x, n), in(dy, n - 1), out(o, n)); },
                                     {function, "dy", std::to_string(n), std::to_string(n - 1)});
                    CHECK(o == before);
                }
            }
        });
    });
}

TEMPLATE_TEST_CASE("PReLU spans: shape, slope and output sizes are checked", "[span][errors][prelu]", float, double) {
    using T = TestType;
    const rectify::channel_shape s{2, 3, 5};  // 30 elements, 3 channels
    const std::vector<T> x = random_inputs<T>(31, 93), dy = random_gradients<T>(31, 94);
    const std::vector<T> slopes = {T(0.25), T(-0.5), T(3), T(1)};
    for_each_arch<T>(span_archs{}, [&](auto arch) {
        using A = decltype(arch);
        INFO("on " << A::name());
        // Matching spans: the pointer form's results.
        {
            std::vector<T> y(30), y_ptr(30), dx(30), dx_ptr(30), ds(3), ds_ptr(3);
            rectify::prelu_forward<A>(in(x, 30), in(slopes, 3), out(y, 30), s);
            rectify::prelu_forward<A>(x.data(), slopes.data(), y_ptr.data(), s);
            CHECK(std::memcmp(y.data(), y_ptr.data(), 30 * sizeof(T)) == 0);
            rectify::prelu_backward<A>(in(x, 30), in(slopes, 3), in(dy, 30), out(dx, 30), out(ds, 3), s);
            rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx_ptr.data(), ds_ptr.data(), s);
            CHECK(std::memcmp(dx.data(), dx_ptr.data(), 30 * sizeof(T)) == 0);
            CHECK(std::memcmp(ds.data(), ds_ptr.data(), 3 * sizeof(T)) == 0);
        }
        std::vector<T> y(31, T(-7.25)), dx(31, T(-7.25)), ds(4, T(-7.25));
        const auto y0 = y, dx0 = dx, ds0 = ds;
        // Forward: the shape's product is not x's size; y's size differs; slopes are not `channels`.
        require_rejected([&] { rectify::prelu_forward<A>(in(x, 31), in(slopes, 3), out(y, 31), s); },
                         {"rectify::prelu_forward", "shape", "30", "31"});
        require_rejected([&] { rectify::prelu_forward<A>(in(x, 30), in(slopes, 3), out(y, 29), s); },
                         {"rectify::prelu_forward", "30", "29"});
        require_rejected([&] { rectify::prelu_forward<A>(in(x, 30), in(slopes, 4), out(y, 30), s); },
                         {"rectify::prelu_forward", "slopes", "3", "4"});
        require_rejected([&] { rectify::prelu_forward<A>(in(x, 30), in(slopes, 2), out(y, 30), s); },
                         {"rectify::prelu_forward", "slopes", "3", "2"});
        CHECK(y == y0);
        // Backward: each of x (against the shape), dy, dx, slopes, dslopes.
        const auto backward = [&](std::size_t nx, std::size_t ng, std::size_t ndx, std::size_t ns, std::size_t nds) {
            rectify::prelu_backward<A>(in(x, nx), in(slopes, ns), in(dy, ng), out(dx, ndx), out(ds, nds), s);
        };
        require_rejected([&] { backward(31, 31, 31, 3, 3); }, {"rectify::prelu_backward", "shape", "30", "31"});
        require_rejected([&] { backward(30, 29, 30, 3, 3); }, {"rectify::prelu_backward", "dy", "30", "29"});
        require_rejected([&] { backward(30, 30, 31, 3, 3); }, {"rectify::prelu_backward", "dx", "30", "31"});
        require_rejected([&] { backward(30, 30, 30, 4, 3); }, {"rectify::prelu_backward", "slopes", "3", "4"});
        require_rejected([&] { backward(30, 30, 30, 3, 2); }, {"rectify::prelu_backward", "dslopes", "3", "2"});
        require_rejected([&] { backward(30, 30, 30, 3, 4); }, {"rectify::prelu_backward", "dslopes", "3", "4"});
        CHECK(dx == dx0);
        CHECK(ds == ds0);
    });
}


TEST_CASE("spans deduce from mutable and fixed-extent inputs", "[span]") {
    // std::span{vector} is a span of float, not of const float: it must still be accepted.
    std::vector<float> x = {-2.f, -0.f, 0.5f, 3.f}, y(4), dy(4, 2.f), dx(4), reference(4);
    const rectify::elu f;
    rectify::forward(f, std::span{x}, std::span{y});
    rectify::forward<rectify::scalar>(f, x.data(), reference.data(), x.size());
    CHECK(y == reference);
    rectify::backward(f, std::span{x}, std::span<const float>(dy), std::span{dx});
    rectify::backward<rectify::scalar>(f, x.data(), dy.data(), reference.data(), x.size());
    CHECK(dx == reference);
    float a[4] = {-1.f, 1.f, -3.f, 2.f}, b[4];
    rectify::forward(rectify::relu{}, std::span<float, 4>(a), std::span<float, 4>(b));
    CHECK((b[0] == 0.f && b[1] == 1.f && b[2] == 0.f && b[3] == 2.f));
    std::vector<float> slopes = {0.5f, 0.25f}, p(4);
    rectify::prelu_forward(std::span{x}, std::span{slopes}, std::span{p}, {2, 2, 1});
    CHECK(p[0] == -1.f);
    CHECK_THROWS_AS(rectify::forward(f, std::span{x}, std::span{y}.first(3)), std::invalid_argument);
}
