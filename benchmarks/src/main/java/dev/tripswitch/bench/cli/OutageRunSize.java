package dev.tripswitch.bench.cli;

import java.time.Duration;

/**
 * How much of the outage suite a run runs: {@code tests} tests, {@code runs} times per arm; the dependency goes down
 * {@code downAfter} after the first test starts, for {@code window} (unless it never returns).
 */
record OutageRunSize(int tests, int runs, Duration downAfter, Duration window) {
}
