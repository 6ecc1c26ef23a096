// tests/multi_isa/main.cpp — runs the unit named on the command line and prints its hash: the
// test runs it on CPUs with fewer instruction sets than the program holds (qemu), in programs
// linked in both orders, and compares the hashes.
#include <cstdio>
#include <cstring>

#include "unit.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s baseline|avx2|native\n", argv[0]);
        return 2;
    }
    const char* unit = argv[1];
    unsigned long long hash = 0;
    if (std::strcmp(unit, "baseline") == 0) hash = run_baseline();
    else if (std::strcmp(unit, "avx2") == 0) hash = run_avx2();
    else if (std::strcmp(unit, "native") == 0) hash = run_native();
    else return 2;
    std::printf("%s %016llx\n", unit, hash);
    return 0;
}
