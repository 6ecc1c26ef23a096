// tests/catch_main.cpp — Catch2 v2's main(), compiled for the target when cross-compiling (the
// installed Catch2WithMain library is built for the host). See tests/CMakeLists.txt.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
