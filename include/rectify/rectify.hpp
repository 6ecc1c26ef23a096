// rectify/rectify.hpp — every activation, its derivative and its backward pass.
#pragma once

#include "arch.hpp"
#include "array.hpp"
#include "elu.hpp"
#include "leaky_relu.hpp"
#include "prelu.hpp"
#include "relu.hpp"
#include "selu.hpp"
