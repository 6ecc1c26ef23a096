// tests/multi_isa/unit.hpp — the functions of the units, one per instruction set.
#pragma once

#include <cstdint>

std::uint64_t run_baseline();  // -march=x86-64 (SSE2)
std::uint64_t run_avx2();      // -march=x86-64-v3 (AVX2, FMA)
std::uint64_t run_native();    // -march=native
