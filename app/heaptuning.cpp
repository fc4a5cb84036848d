#include "heaptuning.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void HeapTuning::apply()
{
#ifdef __GLIBC__
    // glibc raises its threshold for mapping a block on its own each time such a block is
    // freed, so after the first large screenshot every later one comes from the heap, which
    // keeps the pages. A fixed threshold keeps them mapped and handed back.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // glibc gives each thread that allocates a heap of its own (up to 8 per core), each
    // keeping freed memory; two are plenty for a window and a few workers.
    mallopt(M_ARENA_MAX, 2);
#endif
}
