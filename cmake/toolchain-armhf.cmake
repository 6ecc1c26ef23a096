# Cross-compile for 32-bit ARM (armv7-a, hard-float ABI) with Debian's g++-arm-linux-gnueabihf;
# tests run under qemu-arm. The instruction-set flags (-march, -mfpu) are the setups'
# RECTIFY_ARCH_FLAGS:
#   cmake -P cmake/workflow.cmake armv7          NEON without VFPv4 (no fused multiply-add)
#   cmake -P cmake/workflow.cmake armv7-vfpv4    NEON with VFPv4 (fused multiply-add)
set(CMAKE_SYSTEM_PROCESSOR armv7-a)
set(RECTIFY_CROSS_TRIPLE arm-linux-gnueabihf)
set(RECTIFY_CROSS_QEMU qemu-arm)
include("${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake")
