// rectify/rectify.hpp — every activation, its derivative and its backward pass.
#pragma once

#include "arch.hpp"
#include "array.hpp"
#include "celu.hpp"
#include "elu.hpp"
#include "leaky_relu.hpp"
#include "mish.hpp"
#include "prelu.hpp"
#include "relu.hpp"
#include "selu.hpp"
#include "sigmoid.hpp"
#include "silu.hpp"
#include "softplus.hpp"
#include "tanh.hpp"
