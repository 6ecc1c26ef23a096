// tests/catch.hpp — the one place that knows which Catch2 we build against: v3 (split headers,
// what most users have) or v2 (Debian 12's 2.13). CMake defines RECTIFY_CATCH2_MAJOR.
#pragma once

#if RECTIFY_CATCH2_MAJOR >= 3
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/generators/catch_generators_range.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#else
#include <catch2/catch.hpp>
#endif
