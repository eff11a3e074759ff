package dev.tripswitch.allure;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;

import java.nio.charset.StandardCharsets;

/**
 * Collects what Allure should show about each protected test: labels for the circuit and its state when the
 * test started, the circuit's snapshot as {@code circuit-breaker.json}, the reason of a skip, injected
 * failures and recoveries as steps. Loaded by {@link java.util.ServiceLoader}; nothing to wire.
 */
public final class CircuitReportListener implements ProtectedTestListener {

    static final String ATTACHMENT = "circuit-breaker.json";

    /** Tests deferred for a replay, by id: their one result (the replay's) gets the label {@link Labels#REPLAYED}. */
    private static final java.util.Set<String> DEFERRED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
        AllureResultsFiles.ensureWritten(atStart);
        PendingCircuitData d = PendingCircuitData.begin(test);
        d.labels.put(Labels.CIRCUIT, atStart.name());
        d.labels.put(Labels.STATE_AT_START, atStart.state().name());
        if (probe) {
            d.labels.put(Labels.PROBE, "true");
        }
        if (test.id() != null && DEFERRED.remove(test.id())) {
            d.labels.put(Labels.REPLAYED, "true");
        }
    }

    @Override
    public void onTestDeferred(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        if (test.id() != null) {
            DEFERRED.add(test.id());
        }
    }

    @Override
    public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        AllureResultsFiles.ensureWritten(snapshot);
        PendingCircuitData d = PendingCircuitData.begin(test);
        d.labels.put(Labels.CIRCUIT, snapshot.name());
        d.labels.put(Labels.STATE_AT_START, snapshot.state().name());
        d.labels.put(Labels.SKIPPED_BY_CIRCUIT, "true");
        d.attachments.add(json(ATTACHMENT, snapshot));
    }

    @Override
    public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        AllureResultsFiles.ensureWritten(after); // a dependency circuit is first met here
        PendingCircuitData written = PendingCircuitData.alreadyWritten(test);
        PendingCircuitData d = written != null ? written : PendingCircuitData.of(test);
        d.labels.putIfAbsent(Labels.CIRCUIT, after.name());
        d.labels.put(Labels.OUTCOME, outcome.name());
        d.attachments.add(json(ATTACHMENT, after));
        if (outcome == Outcome.FAILED_COUNTED) {
            d.countedAgainst = after.name();
        } else if (outcome == Outcome.SKIPPED_BY_CIRCUIT) {
            d.labels.put(Labels.SKIPPED_BY_CIRCUIT, "true"); // refused inside the test, by protected code
        }
        if (written != null) {
            CircuitResultEnricher.rewrite(written);
        }
    }

    @Override
    public void onTestNote(TestIdentity test, String title, boolean ok, String detailsJson) {
        PendingCircuitData.of(test).notes.add(new PendingCircuitData.Note(title, ok, detailsJson));
    }

    private static PendingCircuitData.NamedContent json(String name, CircuitSnapshot s) {
        return new PendingCircuitData.NamedContent(name, "application/json", "json",
                s.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
