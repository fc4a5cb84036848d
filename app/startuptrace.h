#pragma once

/**
 * Checkpoints on the way to the first paint, in milliseconds since main() began: the start-up
 * benchmark prints them (--report-first-paint) to show where start-up time goes. Recording one
 * is a clock read and an append, cheap enough to leave on.
 */
namespace StartupTrace {
/** Starts the clock; main() calls it first. */
void begin();
/** Records that `what` is done now (a string literal: it is kept, not copied). */
void mark(const char *what);
/** The checkpoints so far, one per line: "checkpoint <ms> <what>". */
void print();
} // namespace StartupTrace
