package dev.tripswitch.testng;

import dev.tripswitch.internal.RunLedger;
import org.testng.ISuite;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One {@link RunLedger} per running TestNG suite; closing a suite hands out its summary exactly once. */
final class SuiteLedgers {

    private final ConcurrentMap<ISuite, RunLedger> open = new ConcurrentHashMap<>();

    RunLedger of(ISuite suite) {
        return open.computeIfAbsent(suite, s -> new RunLedger());
    }

    /** The suite's summary lines the first time it is closed; an empty list afterwards or if it used no circuit. */
    List<String> close(ISuite suite) {
        RunLedger ledger = open.remove(suite);
        return ledger == null || ledger.isEmpty() ? List.of() : ledger.summaryLines();
    }
}
