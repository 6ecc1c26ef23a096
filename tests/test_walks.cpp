// tests/test_walks.cpp — the per-channel walks (rectify/detail/walk_channels.hpp) with an operation
// that is not PReLU: a bias add, y = x + b_c, summing x + b_c per channel. Unlike PReLU's, this
// term is not 0 where the inputs are 0, so a walk that let the zero-padded lanes of a partial batch
// into a sum, or gave a lane the wrong channel's parameter, shows. Every NCHW and NHWC shape that
// reaches a walk (prelu_reference.hpp), at every instruction set, with the streaming thresholds
// lowered (tests/CMakeLists.txt); outputs and sums inside sentinels.
#include "prelu_reference.hpp"

using namespace rectify_test;
using rectify::channel_shape;

namespace {

/// Biases that are multiples of 1/4, so that every sum of x + b (x a multiple of 1/4 below 4) of
/// fewer than 2^16 terms is exact in float, whatever the order of summation.
template <class T>
std::vector<T> biases_for(std::size_t channels) {
    const T cycle[] = {T(0.25), T(-0.5), T(3), T(0), T(1), T(-1.75)};
    std::vector<T> b(channels);
    for (std::size_t c = 0; c < channels; ++c) b[c] = cycle[c % 6];
    return b;
}

template <class A, class T>
void check_bias_walk(const channel_shape& s, std::size_t offset) {
    const std::size_t n = s.size();
    const auto x = dyadic_values<T>(n, 91 + n + s.channels, T(0.25));
    const auto b = biases_for<T>(s.channels);
    guarded<T> y(n, offset), sums(s.channels, 3 - offset);
    const auto add = [](auto v, auto bias) { return v + bias; };
    rectify::detail::walk_channels<A>(s.outer, s.channels, s.inner, b.data(), add, add, sums.data(),
                                      y.data(), x.data());
    std::vector<long double> expected(s.channels);
    failures bad;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = channel_of(s, i);
        expected[c] += static_cast<long double>(x[i]) + b[c];
        if (!same(y.data()[i], T(x[i] + b[c])))
            bad.add("y[", i, "]: x = ", show(x[i]), ", bias ", show(b[c]), ": ", show(y.data()[i]));
    }
    for (std::size_t c = 0; c < s.channels; ++c)
        if (sums.data()[c] != static_cast<T>(expected[c]))
            bad.add("sums[", c, "]: ", show(sums.data()[c]), ", exactly ", show(static_cast<double>(expected[c])));
    if (!y.intact() || !sums.intact()) bad.add("wrote outside an output");
    check_none(describe<T>(s, A::name()) + ", bias add", bad);
}

}  // namespace

TEMPLATE_TEST_CASE("A per-channel walk sums only the elements of each channel", "[walks]", float, double) {
    using T = TestType;
    for_each_arch<T>([&](auto arch) {
        using A = decltype(arch);
        const std::size_t N = batch_size<T, A>();
        std::vector<channel_shape> shapes;
        for (std::size_t inner : inner_sizes<T, A>())  // NCHW runs
            for (std::size_t channels : {std::size_t(1), std::size_t(3), 2 * N + 3})
                for (std::size_t outer : {std::size_t(1), std::size_t(2)}) shapes.push_back({outer, channels, inner});
        for (std::size_t channels : nhwc_channel_counts<T, A>())  // NHWC rows
            for (std::size_t rows : {std::size_t(1), std::size_t(3), std::size_t(37)}) shapes.push_back({rows, channels, 1});
        std::size_t offset = 0;
        for (const channel_shape& s : shapes) {
            offset = (offset + 1) % 4;
            check_bias_walk<A, T>(s, offset);
        }
    });
}
