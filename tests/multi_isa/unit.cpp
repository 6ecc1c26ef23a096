// tests/multi_isa/unit.cpp — compiled once per instruction set into one program (see
// CMakeLists.txt): each copy defines run_<RECTIFY_TEST_UNIT>() and calls every kind of function
// rectify has, on the same types, so that every inline function the unit needs is emitted in
// every unit. If any two copies shared a mangled name, the linker would keep one of them for all
// units, and the baseline unit would run AVX code (SIGILL on a CPU without it) or round as another
// unit does.
#include <rectify/rectify.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "unit.hpp"

namespace {

template <class T>
void mix(std::uint64_t& hash, const std::vector<T>& v) {
    for (T e : v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &e, sizeof e);
        hash = (hash ^ bits) * 0x100000001b3u;  // FNV-1a over whole elements
    }
}

template <class Arch, class T, class F>
void every_direction(std::uint64_t& hash, const F& f, const std::vector<T>& x, bool from_output) {
    const std::size_t n = x.size();
    std::vector<T> y(n), d(n), dx(n), dy(n, T(0.75));
    rectify::forward<Arch>(f, x.data(), y.data(), n);
    rectify::derivative<Arch>(f, x.data(), d.data(), n);
    rectify::backward<Arch>(f, x.data(), dy.data(), dx.data(), n);
    mix(hash, y);
    mix(hash, d);
    mix(hash, dx);
    if (from_output) {
        rectify::backward_from_output<Arch>(f, y.data(), dy.data(), dx.data(), n);
        mix(hash, dx);
    }
    std::vector<T> one = {f(x[n / 2]), f.derivative(x[n / 3])};  // the per-element calls
    mix(hash, one);
}

template <class Arch, class T>
void every_function(std::uint64_t& hash) {
    std::vector<T> x(1031);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = T(-12) + T(i) * T(0.0137);
    every_direction<Arch>(hash, rectify::relu{}, x, true);
    every_direction<Arch>(hash, rectify::leaky_relu{0.1}, x, true);
    every_direction<Arch>(hash, rectify::elu{}, x, true);
    every_direction<Arch>(hash, rectify::elu{0.3}, x, true);
    every_direction<Arch>(hash, rectify::selu{}, x, true);
    const std::vector<T> slopes = {T(0.1), T(0.2), T(0.3), T(-0.4), T(0.5)};
    for (rectify::channel_shape s : {rectify::channel_shape{2, 5, 103}, rectify::channel_shape{206, 5, 1},
                                     rectify::channel_shape{1, 5, 16}}) {
        const std::vector<T> in(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(s.size())), dy(s.size(), T(0.5));
        std::vector<T> y(s.size()), dx(s.size()), ds(slopes.size());
        rectify::prelu_forward<Arch>(in.data(), slopes.data(), y.data(), s);
        rectify::prelu_backward<Arch>(in.data(), slopes.data(), dy.data(), dx.data(), ds.data(), s);
        mix(hash, y);
        mix(hash, dx);
        mix(hash, ds);
    }
    try {  // the error path too: checks and messages are inline functions as well
        // 1e300 is finite as a double, not as a float: both must refuse it.
        rectify::forward<Arch>(rectify::leaky_relu{sizeof(T) == 4 ? 1e300 : HUGE_VAL}, x.data(), x.data(), x.size());
        hash = 0;
    } catch (const std::invalid_argument&) {
        hash += 1;
    }
}

}  // namespace

std::uint64_t RECTIFY_TEST_UNIT_FUNCTION() {
    std::uint64_t hash = 0xcbf29ce484222325u;
    every_function<rectify::default_arch, float>(hash);
    every_function<rectify::default_arch, double>(hash);
    every_function<rectify::scalar, float>(hash);
    every_function<rectify::scalar, double>(hash);
    return hash;
}
