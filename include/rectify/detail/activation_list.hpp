// rectify/detail/activation_list.hpp — every activation type of the library, as one list.
//
// RECTIFY_FOR_EACH_ACTIVATION(X) expands X(name) once for each struct rectify::name that works
// with the array functions. Code that must name every activation (the runtime-dispatch library:
// rectify/dynamic.hpp declares its functions for each, and each of its per-instruction-set units
// fills a table from this list) reads it here, so that a new activation is one line below (and
// its header in rectify.hpp). Whether an activation has a from-output rule is not part of the
// list: the code that needs it asks the type (derivative_from_output).
#pragma once

// The list itself: X(name, A) for each activation, A passed through.
#define RECTIFY_ACTIVATION_LIST(X, A) \
    X(relu, A)                        \
    X(leaky_relu, A)                  \
    X(elu, A)                         \
    X(selu, A)                        \
    X(sigmoid, A)                     \
    X(tanh, A)                        \
    X(silu, A)                        \
    X(softplus, A)                    \
    X(mish, A)                        \
    X(celu, A)                        \
    X(hardswish, A)                   \
    X(hardsigmoid, A)                 \
    X(relu6, A)                       \
    X(hardtanh, A)                    \
    X(gelu, A)                        \
    X(gelu_tanh, A)

#define RECTIFY_ACTIVATION_CALL_(F, X) X(F)
/// X(name) for each activation.
#define RECTIFY_FOR_EACH_ACTIVATION(X) RECTIFY_ACTIVATION_LIST(RECTIFY_ACTIVATION_CALL_, X)
/// X(name, T) for each activation and element type (float, double): what the dispatch library
/// declares and defines per overload.
#define RECTIFY_FOR_EACH_ACTIVATION_AND_TYPE(X) \
    RECTIFY_ACTIVATION_LIST(X, float) RECTIFY_ACTIVATION_LIST(X, double)
