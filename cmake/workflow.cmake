# cmake/workflow.cmake — configure, build and test one of rectify's build setups, in build/<setup>:
#
#   cmake -P cmake/workflow.cmake <setup> [all|configure|build|test] [configure arguments...]
#
# all (the default) configures, builds and tests (for bench: builds, then runs the benchmark
# comparison). Configure arguments go to the first step, after the setup's own (-B <dir> for
# another build directory, -D… to add or override a cache entry). A setup is a plain CMake
# configuration: the same build by hand is
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRECTIFY_BUILD_TESTS=ON -DRECTIFY_ARCH_FLAGS=-march=native
#   cmake --build build -j && ctest --test-dir build
#
# setups:
#   native       every test at the host's instruction set, the exhaustive accuracy sweep, the examples
#   avx2, sse2   x86-64-v3 (AVX2+FMA; in GNU mode, -std=gnu++17) and the x86-64 baseline, the
#                sampled accuracy sweep
#   sanitize     AddressSanitizer + UndefinedBehaviorSanitizer, -O0, host instruction set
#   aarch64      NEON, cross-compiled with g++-aarch64-linux-gnu, tests under qemu-aarch64
#   armv7        32-bit ARM, NEON without VFPv4 (no fused multiply-add), tests under qemu-arm
#   armv7-vfpv4  32-bit ARM, NEON with VFPv4 (fused multiply-add), tests under qemu-arm
#   clang        Debian's clang (its default -ffp-contract=on), host instruction set
#                (avx2, sanitize, clang, catch2-v3: scalar, sse2, fma3<avx2> and the default arch
#                only, RECTIFY_TEST_ARCHS=ends; the other setups every arch their flags enable)
#   gnu          GNU mode at the host's instruction set: the core batteries, the sampled sweep
#   catch2-v3    the Catch2 tests against Catch2 v3 (found through CMAKE_PREFIX_PATH; no fallback)
#   bench        Release at the host's instruction set: the benchmarks against the peers, the report
cmake_minimum_required(VERSION 3.16)

get_filename_component(source_dir "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

set(setup "")
set(step all)
set(extra_args "")
math(EXPR last "${CMAKE_ARGC} - 1")
set(script_seen FALSE)
foreach(i RANGE ${last})
  set(arg "${CMAKE_ARGV${i}}")
  if(NOT script_seen)
    if(arg MATCHES "workflow\\.cmake$")
      set(script_seen TRUE)
    endif()
  elseif(setup STREQUAL "")
    set(setup "${arg}")
  elseif(arg MATCHES "^(all|configure|build|test)$" AND extra_args STREQUAL "")
    set(step "${arg}")
  else()
    list(APPEND extra_args "${arg}")
  endif()
endforeach()

# ---- the setups -----------------------------------------------------------------------------
# Every setup: Release, warnings as errors, tests and examples (avx2, sse2, aarch64, armv7*,
# sanitize and clang leave the examples out), no benchmarks (testing needs neither Google
# Benchmark nor the peer libraries).
set(cache
  -DCMAKE_BUILD_TYPE=Release -DRECTIFY_WERROR=ON -DRECTIFY_BUILD_TESTS=ON
  -DRECTIFY_BUILD_EXAMPLES=ON -DRECTIFY_BUILD_BENCHMARKS=OFF)
set(targets "")  # build targets; empty: all
# Which accuracy sweep runs: the exhaustive one (label accuracy) or the sampled one (accuracy-sparse).
set(exhaustive_sweep -LE "^accuracy-sparse$")
set(sampled_sweep -LE "^accuracy$")
set(tests ${sampled_sweep})
set(native -DRECTIFY_ARCH_FLAGS=-march=native)

if(setup STREQUAL "native")
  list(APPEND cache ${native})
  set(tests ${exhaustive_sweep})
elseif(setup STREQUAL "avx2")
  # GNU mode (-std=gnu++17), the mode many users build in: GCC then contracts a*b+c into fma on
  # its own, also through xsimd's operators on the sse2 ... avx batches this build still runs.
  # The archs at the ends (scalar, sse2, the default fma3<avx2>): sse2 stands for the unfused archs
  # GCC may contract into.
  # avx2 and sse2 leave out rectify::dynamic and the examples: the library's units are built with
  # their own flags, which these setups do not change (native builds and tests them, and so do
  # sanitize, clang and xsimd-14), and the examples are platform-independent code.
  list(APPEND cache -DRECTIFY_ARCH_FLAGS=-march=x86-64-v3 -DRECTIFY_MULTI_ISA_TEST=OFF
    -DCMAKE_CXX_EXTENSIONS=ON -DRECTIFY_TEST_ARCHS=ends -DRECTIFY_DYNAMIC=OFF -DRECTIFY_BUILD_EXAMPLES=OFF)
elseif(setup STREQUAL "sse2")
  list(APPEND cache -DRECTIFY_ARCH_FLAGS=-march=x86-64 -DRECTIFY_MULTI_ISA_TEST=OFF -DRECTIFY_DYNAMIC=OFF
    -DRECTIFY_BUILD_EXAMPLES=OFF)
elseif(setup STREQUAL "sanitize")
  # Debug (-O0 -g, assertions on): ASan makes an optimised build of the tests several times slower
  # to compile. The sampled sweep on the default arch only, every 512th float: the one on every
  # arch (accuracy_archs) and the denser ones check rounding, not memory.
  list(APPEND cache ${native} -DCMAKE_BUILD_TYPE=Debug -DRECTIFY_MULTI_ISA_TEST=OFF -DRECTIFY_TEST_ARCHS=ends
    -DRECTIFY_BUILD_EXAMPLES=OFF -DRECTIFY_ACCURACY_SPARSE=512
    "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
  list(APPEND tests -E "^accuracy_archs$")
  set(ENV{ASAN_OPTIONS} "detect_leaks=1:abort_on_error=0:halt_on_error=1")
  set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
elseif(setup STREQUAL "aarch64")
  # The examples (platform-independent code, which native builds and runs) are left out of the
  # emulated setups: their build and qemu's run of the MLP cost CI minutes and test nothing new.
  list(APPEND cache "-DCMAKE_TOOLCHAIN_FILE=${source_dir}/cmake/toolchain-aarch64.cmake"
    -DRECTIFY_ACCURACY_SPARSE=512 -DRECTIFY_BUILD_EXAMPLES=OFF)
elseif(setup MATCHES "^armv7(-vfpv4)?$")
  if(setup STREQUAL "armv7")
    set(fpu neon)
  else()
    set(fpu neon-vfpv4)
  endif()
  list(APPEND cache "-DCMAKE_TOOLCHAIN_FILE=${source_dir}/cmake/toolchain-armhf.cmake"
    "-DRECTIFY_ARCH_FLAGS=-march=armv7-a -mfpu=${fpu} -mfloat-abi=hard" -DRECTIFY_ACCURACY_SPARSE=512
    -DRECTIFY_BUILD_EXAMPLES=OFF)
elseif(setup STREQUAL "clang")
  list(APPEND cache ${native} -DCMAKE_CXX_COMPILER=clang++ -DRECTIFY_TEST_ARCHS=ends -DRECTIFY_BUILD_EXAMPLES=OFF)
elseif(setup STREQUAL "gnu")
  # The mode many users build in. GCC contracts a*b+c into fma, also through xsimd's operators on
  # the sse2 ... avx2 batches an FMA build still runs. One target, so that make builds its
  # translation units in parallel.
  list(APPEND cache ${native} -DCMAKE_CXX_EXTENSIONS=ON -DRECTIFY_BUILD_EXAMPLES=OFF)
  set(targets core_tests)
  list(APPEND tests -R "^(test_semantics|test_simd_vs_scalar|test_errors|test_prelu|accuracy_sparse|accuracy_archs)$")
elseif(setup STREQUAL "catch2-v3")
  # The Catch2 tests only (the accuracy sweep and the examples do not use Catch2), and of those the
  # ones whose compile time is Catch2's rather than the kernels': they use the Catch2 features of
  # the two batteries (test_semantics, test_simd_vs_scalar: TEST_CASE, TEMPLATE_TEST_CASE, CHECK,
  # INFO; REQUIRE besides), which every other setup builds. The archs at the ends: the kernels they
  # call (tests/kernels.cpp) are not what this setup checks.
  list(APPEND cache ${native} -DRECTIFY_CATCH2=3 -DRECTIFY_BUILD_EXAMPLES=OFF -DRECTIFY_TEST_ARCHS=ends
    -DRECTIFY_ACCURACY_TEST=OFF -DRECTIFY_MULTI_ISA_TEST=OFF -DRECTIFY_DYNAMIC=OFF)
  set(targets catch2_light_tests)
  list(APPEND tests -R "^(test_errors|test_prelu|test_walks|test_span|test_arch_limits)$")
elseif(setup STREQUAL "bench")
  list(APPEND cache ${native} -DRECTIFY_WERROR=OFF -DRECTIFY_BUILD_TESTS=OFF
    -DRECTIFY_BUILD_BENCHMARKS=ON)
else()
  message(FATAL_ERROR "usage: cmake -P cmake/workflow.cmake <setup> [all|configure|build|test] [configure arguments...]\n"
    "setup '${setup}' is not one of: native avx2 sse2 sanitize aarch64 armv7 armv7-vfpv4 clang gnu catch2-v3 bench")
endif()

# ---- the steps ------------------------------------------------------------------------------
set(build_dir "${source_dir}/build/${setup}")
list(FIND extra_args -B at)
if(at GREATER -1)
  math(EXPR at "${at} + 1")
  list(GET extra_args ${at} build_dir)
  get_filename_component(build_dir "${build_dir}" ABSOLUTE)
  list(REMOVE_AT extra_args ${at})
  math(EXPR at "${at} - 1")
  list(REMOVE_AT extra_args ${at})
endif()
cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)

function(run)
  string(REPLACE ";" " " shown "${ARGN}")
  message(STATUS "workflow ${setup}: ${shown}")
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${source_dir}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "workflow ${setup}: failed (${status}): ${shown}")
  endif()
endfunction()

if(step MATCHES "^(all|configure)$")
  run("${CMAKE_COMMAND}" -S "${source_dir}" -B "${build_dir}" ${cache} ${extra_args})
endif()
if(step MATCHES "^(all|build)$")
  if(targets STREQUAL "")
    run("${CMAKE_COMMAND}" --build "${build_dir}" --parallel ${jobs})
  else()
    run("${CMAKE_COMMAND}" --build "${build_dir}" --parallel ${jobs} --target ${targets})
  endif()
endif()
if(step MATCHES "^(all|test)$")
  if(setup STREQUAL "bench")
    run("${CMAKE_COMMAND}" --build "${build_dir}" --target bench_report)
  else()
    run("${CMAKE_CTEST_COMMAND}" --test-dir "${build_dir}" --output-on-failure --no-tests=error
      --parallel 2 --timeout 900 ${tests})
  endif()
endif()
