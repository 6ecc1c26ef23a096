// bench/main.cpp — rectify_bench: every implementation of every kernel, one thread.
#include "bench_common.hpp"

#if RECTIFY_BENCH_HAVE_OPENMP
#include <omp.h>
#endif

int main(int argc, char** argv) {
#if RECTIFY_BENCH_HAVE_OPENMP
    omp_set_num_threads(1);  // oneDNN's OpenMP runtime: the comparison is single-threaded
#endif
    bench::register_rectify();
    bench::register_plain_loops();
#if RECTIFY_BENCH_HAVE_DYNAMIC
    bench::register_dynamic();
#endif
#if RECTIFY_BENCH_HAVE_XNNPACK
    bench::register_xnnpack();
#endif
#if RECTIFY_BENCH_HAVE_ONEDNN
    bench::register_onednn();
#endif
#if RECTIFY_BENCH_HAVE_EIGEN
    bench::register_eigen();
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
