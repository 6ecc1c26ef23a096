# cmake -DVERSION_FILE=<prefix>/share/cmake/rectify/rectifyConfigVersion.cmake -P check-version-file.cmake
# A header-only package suits a consumer of any pointer size (it is written ARCH_INDEPENDENT):
# ask the installed version file what find_package(rectify 0.1) from a 32-bit build would ask.
cmake_minimum_required(VERSION 3.16)
set(CMAKE_SIZEOF_VOID_P 4)
set(PACKAGE_FIND_NAME rectify)
set(PACKAGE_FIND_VERSION 0.1)
set(PACKAGE_FIND_VERSION_MAJOR 0)
set(PACKAGE_FIND_VERSION_MINOR 1)
set(PACKAGE_FIND_VERSION_COUNT 2)
include("${VERSION_FILE}")
if(PACKAGE_VERSION_UNSUITABLE)
  message(FATAL_ERROR "${VERSION_FILE} rejects a 32-bit consumer: write it ARCH_INDEPENDENT")
endif()
if(NOT PACKAGE_VERSION_COMPATIBLE)
  message(FATAL_ERROR "${VERSION_FILE}: version ${PACKAGE_VERSION} does not satisfy find_package(rectify 0.1)")
endif()
message(STATUS "rectifyConfigVersion.cmake: ${PACKAGE_VERSION}, arch-independent")
