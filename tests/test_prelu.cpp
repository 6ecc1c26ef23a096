// tests/test_prelu.cpp — PReLU on every instruction set the build enables, against Leaky ReLU's
// formula and against itself: element by element (y and dx bit-identical to x > 0 ? x : a_c·x and
// dy·(x > 0 ? 1 : a_c)), NCHW against NHWC on one logical tensor, one shared slope against
// rectify::leaky_relu, in place, NaN propagation, and dslopes against a long double sum (exactly,
// where every partial sum is representable). Shapes reach every walk (prelu_reference.hpp); 1031
// elements per run pass the test build's lowered streaming thresholds (tests/CMakeLists.txt);
// outputs sit inside sentinels.
#include "prelu_reference.hpp"

using namespace rectify_test;
using rectify::channel_shape;

TEMPLATE_TEST_CASE("PReLU is Leaky ReLU's formula per element, bit for bit", "[prelu]", float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        std::size_t offset = 0;
        const std::size_t N = batch_size<T, A>();
        for (std::size_t inner : inner_sizes<T, A>()) {
            // 2N + 3 channels: NCHW's short runs take two whole blocks of N channels, then 3.
            for (std::size_t channels : {std::size_t(1), std::size_t(3), 2 * N + 3}) {
                const channel_shape s{inner > 100 ? 1u : 2u, channels, inner};
                const std::size_t n = s.size();
                const auto x = random_inputs<T>(n, 31 + inner), dy = random_gradients<T>(n, 32 + inner);
                const auto slopes = slopes_for<T>(channels);
                offset = (offset + 1) % 4;
                guarded<T> y(n, offset), dx(n, 3 - offset), dslopes(channels, offset);
                check_elements<A>(s, x, dy, slopes, y, dx, dslopes);
            }
        }
    });
}

TEMPLATE_TEST_CASE("NHWC with channel counts around the batch: every element and dslopes", "[prelu]", float, double) {
    // Every NHWC walk (nhwc_channel_counts); the row counts leave every tail length.
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        std::size_t offset = 0;
        for (std::size_t channels : nhwc_channel_counts<T, A>()) {
            for (std::size_t outer : {std::size_t(1), std::size_t(3), std::size_t(37)}) {
                const channel_shape s{outer, channels, 1};
                const std::size_t n = s.size();
                const auto x = random_inputs<T>(n, 61 + channels + outer), dy = random_gradients<T>(n, 62 + outer);
                const auto slopes = slopes_for<T>(channels);
                offset = (offset + 1) % 4;
                guarded<T> y(n, offset), dx(n, 3 - offset), dslopes(channels, offset);
                check_elements<A>(s, x, dy, slopes, y, dx, dslopes);
                // dslopes: within the bound on finite inputs, exact on dyadic ones.
                const auto xf = finite_values<T>(n, 63 + channels, 4), gf = finite_values<T>(n, 64 + outer, 2);
                rectify::prelu_backward<A>(xf.data(), slopes.data(), gf.data(), dx.data(), dslopes.data(), s);
                check_dslopes(describe<T>(s, A::name()), s, xf, gf, dslopes.data(), false);
                const auto xd = dyadic_values<T>(n, 65 + channels, T(0.25)), gd = dyadic_values<T>(n, 66 + outer, T(0.125));
                rectify::prelu_backward<A>(xd.data(), slopes.data(), gd.data(), dx.data(), dslopes.data(), s);
                check_dslopes(describe<T>(s, A::name()), s, xd, gd, dslopes.data(), true);
            }
        }
    });
}

TEMPLATE_TEST_CASE("dslopes is the sum of x·dy over x <= 0, within the summation bound", "[prelu]", float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        const std::size_t N = batch_size<T, A>();
        for (std::size_t inner : inner_sizes<T, A>()) {
            for (const channel_shape s : {channel_shape{3, 4, inner}, channel_shape{1, 1, 7 * inner},
                                          channel_shape{2, 2 * N + 3, inner}}) {
                const std::size_t n = s.size();
                const auto slopes = slopes_for<T>(s.channels);
                std::vector<T> dx(n), dslopes(s.channels);
                // Random: within the bound.
                const auto x = finite_values<T>(n, 41 + inner, 4), dy = finite_values<T>(n, 42 + inner, 2);
                rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), dslopes.data(), s);
                check_dslopes(describe<T>(s, A::name()), s, x, dy, dslopes.data(), false);
                // Dyadic: exact.
                const auto xd = dyadic_values<T>(n, 43 + inner, T(0.25)), gd = dyadic_values<T>(n, 44 + inner, T(0.125));
                rectify::prelu_backward<A>(xd.data(), slopes.data(), gd.data(), dx.data(), dslopes.data(), s);
                check_dslopes(describe<T>(s, A::name()), s, xd, gd, dslopes.data(), true);
            }
        }
    });
}

TEMPLATE_TEST_CASE("NCHW {N, C, H*W} and NHWC {N*H*W, C, 1} of one tensor give the same results", "[prelu]",
                   float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        constexpr std::size_t batch = 2, channels = 5;
        for (std::size_t hw : inner_sizes<T, A>()) {
            const channel_shape nchw{batch, channels, hw}, nhwc{batch * hw, channels, 1};
            const std::size_t n = nchw.size();
            const auto slopes = slopes_for<T>(channels);
            const std::string what = describe<T>(nchw, A::name()) + " against NHWC";
            for (int inputs = 0; inputs < 2; ++inputs) {  // random with specials, then dyadic
                const auto x = inputs == 0 ? random_inputs<T>(n, 51 + hw) : dyadic_values<T>(n, 53 + hw, T(0.25));
                const auto dy = inputs == 0 ? random_gradients<T>(n, 52 + hw) : dyadic_values<T>(n, 54 + hw, T(0.125));
                const auto x2 = to_nhwc(x, batch, channels, hw), dy2 = to_nhwc(dy, batch, channels, hw);
                std::vector<T> y(n), y2(n), dx(n), dx2(n), ds(channels), ds2(channels);
                rectify::prelu_forward<A>(x.data(), slopes.data(), y.data(), nchw);
                rectify::prelu_forward<A>(x2.data(), slopes.data(), y2.data(), nhwc);
                rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), ds.data(), nchw);
                rectify::prelu_backward<A>(x2.data(), slopes.data(), dy2.data(), dx2.data(), ds2.data(), nhwc);
                const auto y_as_nhwc = to_nhwc(y, batch, channels, hw), dx_as_nhwc = to_nhwc(dx, batch, channels, hw);
                failures bad;
                for (std::size_t i = 0; i < n; ++i) {
                    if (!same(y_as_nhwc[i], y2[i])) bad.add("y at NHWC ", i, ": ", show(y_as_nhwc[i]), " vs ", show(y2[i]));
                    if (!same(dx_as_nhwc[i], dx2[i])) bad.add("dx at NHWC ", i, ": ", show(dx_as_nhwc[i]), " vs ", show(dx2[i]));
                }
                check_none(what, bad);
                if (inputs == 1) {  // exact sums: the two orders of summation agree bit for bit
                    CHECK(std::memcmp(ds.data(), ds2.data(), channels * sizeof(T)) == 0);
                    check_dslopes(what, nchw, x, dy, ds.data(), true);
                    check_dslopes(what, nhwc, x2, dy2, ds2.data(), true);
                }
            }
        }
    });
}

TEMPLATE_TEST_CASE("one shared slope {n, 1, 1} is Leaky ReLU", "[prelu]", float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        const std::size_t N = batch_size<T, A>();
        for (T a : {T(0.01f), T(-0.5), T(3)}) {
            const rectify::leaky_relu f{static_cast<double>(a)};  // f's α rounds back to a
            for (std::size_t n : {std::size_t(1), N + 1, 3 * N + 1, std::size_t(1031)}) {
                const channel_shape s{n, 1, 1};
                const auto x = random_inputs<T>(n, 61 + n), dy = random_gradients<T>(n, 62 + n);
                std::vector<T> y(n), y_leaky(n), dx(n), dx_leaky(n), ds(1);
                rectify::prelu_forward<A>(x.data(), &a, y.data(), s);
                rectify::forward<A>(f, x.data(), y_leaky.data(), n);
                rectify::prelu_backward<A>(x.data(), &a, dy.data(), dx.data(), ds.data(), s);
                rectify::backward<A>(f, x.data(), dy.data(), dx_leaky.data(), n);
                failures bad;
                for (std::size_t i = 0; i < n; ++i) {
                    if (!same(y[i], y_leaky[i])) bad.add("y[", i, "]: ", show(y[i]), " vs leaky_relu ", show(y_leaky[i]));
                    if (!same(dx[i], dx_leaky[i])) bad.add("dx[", i, "]: ", show(dx[i]), " vs leaky_relu ", show(dx_leaky[i]));
                }
                check_none(describe<T>(s, A::name()) + ", slope " + show(a), bad);
                const auto xf = finite_values<T>(n, 63 + n, 4), gf = finite_values<T>(n, 64 + n, 2);
                rectify::prelu_backward<A>(xf.data(), &a, gf.data(), dx.data(), ds.data(), s);
                check_dslopes(describe<T>(s, A::name()), s, xf, gf, ds.data(), false);
            }
        }
    });
}

TEMPLATE_TEST_CASE("PReLU in place: y == x, dx == x and dx == dy give the out-of-place results", "[prelu]",
                   float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        const std::size_t N = batch_size<T, A>();
        for (const channel_shape s : {channel_shape{2, 3, N + 1}, channel_shape{2 * (N + 1), 3, 1},
                                      channel_shape{5 * N + 3, 1, 1}, channel_shape{1, 2, 1031}}) {
            const std::size_t n = s.size();
            const auto x = random_inputs<T>(n, 71), dy = random_gradients<T>(n, 72);
            const auto slopes = slopes_for<T>(s.channels);
            std::vector<T> y(n), dx(n), ds(s.channels);
            rectify::prelu_forward<A>(x.data(), slopes.data(), y.data(), s);
            rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), ds.data(), s);
            const auto identical = [](const std::vector<T>& a, const std::vector<T>& b) {
                return std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
            };
            INFO(describe<T>(s, A::name()));
            std::vector<T> xy = x;
            rectify::prelu_forward<A>(xy.data(), slopes.data(), xy.data(), s);
            CHECK(identical(xy, y));
            std::vector<T> xdx = x, ds_x(s.channels);
            rectify::prelu_backward<A>(xdx.data(), slopes.data(), dy.data(), xdx.data(), ds_x.data(), s);
            CHECK(identical(xdx, dx));
            CHECK(identical(ds_x, ds));
            std::vector<T> gdx = dy, ds_g(s.channels);
            rectify::prelu_backward<A>(x.data(), slopes.data(), gdx.data(), gdx.data(), ds_g.data(), s);
            CHECK(identical(gdx, dx));
            CHECK(identical(ds_g, ds));
        }
    });
}

TEMPLATE_TEST_CASE("NaN in x or dy reaches y, dx and dslopes as the formulas say", "[prelu]", float, double) {
    using T = TestType;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        const std::size_t N = batch_size<T, A>();
        for (const channel_shape s : {channel_shape{2, 3, N + 3}, channel_shape{2 * (N + 3), 3, 1}}) {
            INFO(describe<T>(s, A::name()));
            const std::size_t n = s.size();
            auto x = finite_values<T>(n, 81, 4), dy = finite_values<T>(n, 82, 2);
            const auto slopes = slopes_for<T>(s.channels);
            // Element i of channel c, row o, as the shape lays it out.
            const auto at = [&](std::size_t o, std::size_t c, std::size_t i) {
                return s.inner == 1 ? (o * s.channels + c) : (o * s.channels + c) * s.inner + i;
            };
            const std::size_t in_x = at(1, 1, 2), dy_at_negative = at(0, 2, 1), dy_at_positive = at(1, 0, 1);
            x[in_x] = nan;                // channel 1: x is NaN
            x[dy_at_negative] = T(-1.5);  // channel 2: dy NaN where x ≤ 0
            dy[dy_at_negative] = nan;
            x[dy_at_positive] = T(2);     // channel 0: dy NaN where x > 0 (its term is 0)
            dy[dy_at_positive] = nan;
            std::vector<T> y(n), dx(n), ds(s.channels);
            rectify::prelu_forward<A>(x.data(), slopes.data(), y.data(), s);
            rectify::prelu_backward<A>(x.data(), slopes.data(), dy.data(), dx.data(), ds.data(), s);
            CHECK(std::isnan(y[in_x]));
            CHECK(std::isnan(dx[in_x]));
            CHECK(std::isnan(dx[dy_at_negative]));
            CHECK(std::isnan(dx[dy_at_positive]));
            CHECK(std::isnan(ds[1]));
            CHECK(std::isnan(ds[2]));
            CHECK(std::isfinite(ds[0]));
            const std::size_t nans = static_cast<std::size_t>(std::count_if(dx.begin(), dx.end(), [](T v) { return std::isnan(v); }));
            CHECK(nans == 3);
        }
    });
}
