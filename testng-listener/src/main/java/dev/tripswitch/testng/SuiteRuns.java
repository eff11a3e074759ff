package dev.tripswitch.testng;

import dev.tripswitch.TestRun;
import org.testng.ISuite;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One core {@link TestRun} per running TestNG suite; closing a suite hands out its summary exactly once. */
final class SuiteRuns {

    private final ConcurrentMap<ISuite, TestRun> open = new ConcurrentHashMap<>();

    TestRun of(ISuite suite) {
        return open.computeIfAbsent(suite, s -> TestRun.start());
    }

    /** The suite's summary lines the first time it is closed; an empty list afterwards or if it used no circuit. */
    List<String> close(ISuite suite) {
        TestRun run = open.remove(suite);
        return run == null || run.isEmpty() ? List.of() : run.summaryLines();
    }
}
