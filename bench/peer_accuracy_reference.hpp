// bench/peer_accuracy_reference.hpp — the exact values peer_accuracy measures the peers against
// (peer_accuracy_reference.cpp says how each is computed and how close it is).
#pragma once

#include "peer_accuracy_peers.hpp"

namespace peer_accuracy {

/// f(x) for a float x, in double, a few double ULP from the exact value; the limits at ±inf, NaN
/// for NaN.
double reference(fn f, double x);

/// False where reference() cannot judge a float result: next to the GELU derivatives' zeros when
/// the build has no MPFR.
bool judged(fn f, double x);

}  // namespace peer_accuracy
