# What the cross toolchain files share: Debian's cross g++ for RECTIFY_CROSS_TRIPLE, its sysroot,
# and the tests run under RECTIFY_CROSS_QEMU (package qemu-user) through
# CMAKE_CROSSCOMPILING_EMULATOR, so ctest works as usual. Set both, then include this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${RECTIFY_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${RECTIFY_CROSS_TRIPLE}-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR ${RECTIFY_CROSS_QEMU} -L /usr/${RECTIFY_CROSS_TRIPLE})

# Target libraries and headers come from the cross sysroot; programs from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${RECTIFY_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
# xsimd and Catch2 v2 are header-only, so the host's packages serve the target: let find_package
# see the host's CMake configs too. Debian installs xsimd's under the host's multiarch directory,
# which a search for the target architecture does not visit: name it.
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
if(NOT DEFINED xsimd_DIR AND EXISTS /usr/lib/x86_64-linux-gnu/cmake/xsimd/xsimdConfig.cmake)
  set(xsimd_DIR /usr/lib/x86_64-linux-gnu/cmake/xsimd CACHE PATH "xsimd's CMake package (host, header-only)")
endif()
