// tests/activation_traits.hpp — the activations every test battery runs over, with their contracts
// (tests/traits/<name>.hpp, the vocabulary in tests/traits/contract.hpp). Catch2-free: the Catch2
// tests, the accuracy sweep and the benchmark read the same list.
//
// A new activation: its traits file, an #include and a line in activations() (tests/README.md).
#pragma once

#include "traits/celu.hpp"
#include "traits/contract.hpp"
#include "traits/elu.hpp"
#include "traits/gelu.hpp"
#include "traits/gelu_tanh.hpp"
#include "traits/hardsigmoid.hpp"
#include "traits/hardswish.hpp"
#include "traits/hardtanh.hpp"
#include "traits/leaky_relu.hpp"
#include "traits/mish.hpp"
#include "traits/relu.hpp"
#include "traits/relu6.hpp"
#include "traits/selu.hpp"
#include "traits/sigmoid.hpp"
#include "traits/silu.hpp"
#include "traits/softplus.hpp"
#include "traits/tanh.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

namespace rectify_test {

/// How much of the accuracy sweep (tests/accuracy.cpp) an instance gets, where its contract is not
/// trivially exact: every float_stride-th float pattern and `doubles` random doubles per half of
/// the number line.
struct coverage {
    std::uint32_t float_stride;  // 0: not swept
    std::size_t doubles;
};
constexpr coverage not_swept{0, 0};
constexpr coverage exhaustive{1, 10'000'000};  // every float
constexpr coverage every_7th{7, 10'000'000};
constexpr coverage sampled{64, 1'000'000};
/// Every 7th float and 10^6 doubles: the smooth activations, whose double references are MPFR's.
constexpr coverage every_7th_float{7, 1'000'000};
/// Every 7th float and 10^5 doubles: GELU's forms, whose MPFR references (erfc at 160 bits) are
/// the sweep's slowest; the larger run's command and result are in tests/README.md.
constexpr coverage every_7th_float_fewer_doubles{7, 100'000};

template <class F>
struct listed {
    static_assert(has_from_output_rule<F>::value == traits_state_from_output<F>::value,
                  "traits<F> states a from-output rule exactly where F has derivative_from_output");
    const char* name;
    F f;
    coverage sweep = not_swept;
};
template <class F>
listed<F> activation(const char* name, F f, coverage sweep = not_swept) {
    return {name, f, sweep};
}

/// Every activation, with the parameter values worth a battery of their own.
inline auto activations() {
    return std::make_tuple(activation("relu", rectify::relu{}),
                           activation("leaky_relu(0.01)", rectify::leaky_relu{}),
                           activation("leaky_relu(0.5)", rectify::leaky_relu{0.5}),
                           activation("leaky_relu(3)", rectify::leaky_relu{3.0}),        // α > 1
                           activation("leaky_relu(-0.25)", rectify::leaky_relu{-0.25}),  // no from-output rule
                           activation("elu(1)", rectify::elu{}, exhaustive),      // its own kernel
                           activation("elu(0.1)", rectify::elu{0.1}, every_7th),  // α not a float
                           activation("elu(2)", rectify::elu{2.0}, sampled),      // α exact, not 1
                           activation("elu(-0.3)", rectify::elu{-0.3}, sampled),  // limit +0.3, from below
                           activation("selu", rectify::selu{}, exhaustive),
                           activation("sigmoid", rectify::sigmoid{}, every_7th_float),
                           activation("tanh", rectify::tanh{}, every_7th_float),
                           activation("silu", rectify::silu{}, every_7th_float),
                           activation("softplus(1)", rectify::softplus{}, every_7th_float),  // its own kernel
                           activation("softplus(1.7)", rectify::softplus{1.7}, sampled),
                           activation("softplus(0.3, 5)", rectify::softplus{0.3, 5.0}, sampled),  // β < 1, a low threshold
                           activation("mish", rectify::mish{}, every_7th_float),
                           activation("celu(1)", rectify::celu{}, every_7th_float),
                           activation("celu(0.1)", rectify::celu{0.1}, sampled),  // α not a float
                           activation("celu(2)", rectify::celu{2.0}, sampled),
                           activation("hardswish", rectify::hardswish{}, every_7th),
                           activation("hardsigmoid", rectify::hardsigmoid{}, every_7th),
                           activation("relu6", rectify::relu6{}),
                           activation("hardtanh", rectify::hardtanh{}),
                           activation("hardtanh(-0.1, 2.5)", rectify::hardtanh{-0.1, 2.5}),  // a bound not a float
                           activation("hardtanh(0, 6)", rectify::hardtanh{0.0, 6.0}),        // ReLU6 but for −0
                           activation("gelu", rectify::gelu{}, every_7th_float_fewer_doubles),
                           activation("gelu_tanh", rectify::gelu_tanh{}, every_7th_float_fewer_doubles));
}

/// fn(name, f) for every listed activation. The batteries' bodies are instantiated once per type
/// of activation, not per line.
template <class Fn>
void for_each_activation(Fn&& fn) {
    std::apply([&fn](const auto&... a) { (fn(a.name, a.f), ...); }, activations());
}
/// fn(entry) for every listed activation: name, f and its sweep coverage.
template <class Fn>
void for_each_listed(Fn&& fn) {
    std::apply([&fn](const auto&... a) { (fn(a), ...); }, activations());
}

template <class F>
struct type_tag {
    using type = F;
};
namespace list_detail {
template <class Tuple, std::size_t I, std::size_t... J>
constexpr bool first_of_its_type(std::index_sequence<J...>) {
    return ((J >= I || !std::is_same<std::tuple_element_t<J, Tuple>, std::tuple_element_t<I, Tuple>>::value) && ...);
}
template <class Tuple, class Fn, std::size_t... I>
void each_type(Fn& fn, std::index_sequence<I...> all) {
    (
        [&] {
            if constexpr (first_of_its_type<Tuple, I>(all))
                fn(type_tag<decltype(std::tuple_element_t<I, Tuple>::f)>{});
        }(),
        ...);
}
}  // namespace list_detail
/// fn(type_tag<F>{}) once for every type of activation in the list, in its order.
template <class Fn>
void for_each_activation_type(Fn&& fn) {
    using Tuple = decltype(activations());
    list_detail::each_type<Tuple>(fn, std::make_index_sequence<std::tuple_size<Tuple>::value>{});
}

namespace list_detail {
/// The place of line I's type among the list's types, in order of first appearance.
template <class Tuple, std::size_t I, std::size_t... J>
constexpr std::size_t type_number(std::index_sequence<J...> all) {
    constexpr std::size_t first =
        std::min({(std::is_same<std::tuple_element_t<J, Tuple>, std::tuple_element_t<I, Tuple>>::value ? J : I)...});
    return ((J < first && first_of_its_type<Tuple, J>(all)) + ... + std::size_t(0));
}
template <std::size_t Slice, std::size_t Slices, class Tuple, class Fn, std::size_t... I>
void each_in_slice(const Tuple& list, Fn& fn, std::index_sequence<I...> all) {
    (
        [&] {
            if constexpr (type_number<Tuple, I>(all) % Slices == Slice)
                fn(std::get<I>(list).name, std::get<I>(list).f);
        }(),
        ...);
}
}  // namespace list_detail
/// for_each_activation over one of `Slices` parts of the list: the lines of the Slice-th,
/// (Slice + Slices)-th, … type. For build time: a battery whose body is instantiated once per type
/// of activation is compiled as several units, one per slice (tests/CMakeLists.txt), that make
/// builds in parallel. A type's lines share one slice, so that every type is compiled once.
template <std::size_t Slice, std::size_t Slices, class Fn>
void for_each_activation_in_slice(Fn&& fn) {
    static_assert(Slice < Slices, "a slice of the list is one of 0 ... Slices - 1");
    using Tuple = decltype(activations());
    list_detail::each_in_slice<Slice, Slices>(activations(), fn,
                                              std::make_index_sequence<std::tuple_size<Tuple>::value>{});
}

}  // namespace rectify_test
