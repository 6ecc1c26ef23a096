/* bench/compat/pthreadpool.h — used only when <pthreadpool.h> is missing: Debian 12's
 * libxnnpack-dev includes it from xnnpack.h but does not depend on libpthreadpool-dev.
 * The benchmarks pass a null threadpool (one thread), so the opaque type is all they need. */
#pragma once
typedef struct pthreadpool* pthreadpool_t;
