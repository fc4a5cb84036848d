#pragma once

/**
 * How the C library's heap is set up for a window that stays open all day: large blocks (a
 * server's megabytes of text, decoded screenshots) go back to the system when freed, and the
 * few threads share two heaps instead of one each. Called first thing in main(), before
 * anything is allocated; the benchmarks call it too, so they measure the heap the program has.
 */
namespace HeapTuning {
void apply();
}
