// rectify/detail/activation_list.hpp — every activation type of the library, as one list.
//
// RECTIFY_FOR_EACH_ACTIVATION(X) expands X(name) once for each struct rectify::name that works
// with the array functions. Code that must name every activation (the runtime-dispatch library:
// rectify/dynamic.hpp declares its functions for each, and each of its per-instruction-set units
// fills a table from this list) reads it here, so that a new activation is one line below (and
// its header in rectify.hpp). Whether an activation has a from-output rule is not part of the
// list: the code that needs it asks the type (derivative_from_output).
#pragma once

#define RECTIFY_FOR_EACH_ACTIVATION(X) \
    X(relu)                            \
    X(leaky_relu)                      \
    X(elu)                             \
    X(selu)
