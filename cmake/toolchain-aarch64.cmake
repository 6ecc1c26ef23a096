# Cross-compile for aarch64 (NEON) with Debian's g++-aarch64-linux-gnu; tests run under
# qemu-aarch64.
#   cmake -P cmake/workflow.cmake aarch64
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(RECTIFY_CROSS_TRIPLE aarch64-linux-gnu)
set(RECTIFY_CROSS_QEMU qemu-aarch64)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake")
