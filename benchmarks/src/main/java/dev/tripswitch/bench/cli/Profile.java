package dev.tripswitch.bench.cli;

import java.time.Duration;

/**
 * The documented run sizes. Recovery: every failure type × intensity per browser, {@code repetitions} times, in
 * both arms, each recovery allowed {@code budget}. Outage: a suite of {@code outageTests} tests run
 * {@code outageRuns} times per arm; the app goes down {@code downAfter} after the first test starts, for
 * {@code window}.
 */
public enum Profile {
    QUICK(1, Duration.ofSeconds(15), 100, 1, Duration.ofSeconds(4), Duration.ofSeconds(8)),
    COMPREHENSIVE(3, Duration.ofSeconds(30), 200, 2, Duration.ofSeconds(8), Duration.ofSeconds(15)),
    EXTREME(10, Duration.ofSeconds(60), 500, 3, Duration.ofSeconds(15), Duration.ofSeconds(30));

    /** Page-load (and script) timeout of the recovery benchmark's browsers. */
    public static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(5);

    public final int repetitions;
    public final Duration budget;
    public final int outageTests;
    public final int outageRuns;
    public final Duration downAfter;
    public final Duration window;

    Profile(int repetitions, Duration budget, int outageTests, int outageRuns, Duration downAfter, Duration window) {
        this.repetitions = repetitions;
        this.budget = budget;
        this.outageTests = outageTests;
        this.outageRuns = outageRuns;
        this.downAfter = downAfter;
        this.window = window;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
