package dev.tripswitch.allure;

import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import io.qameta.allure.model.TestResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Tripswitch wants to add to the Allure result of the test running on this thread. Tripswitch's events
 * and Allure's test lifecycle happen on the test's own thread, but not in a fixed order across frameworks
 * (JUnit asks the circuit before Allure starts the test case), so data waits here until Allure is about to
 * stop or write the matching result.
 */
final class PendingCircuitData {

    record NamedContent(String name, String type, String extension, byte[] content) {
    }

    record Note(String title, boolean ok, String detailsJson) {
    }

    private static final ThreadLocal<PendingCircuitData> CURRENT = new ThreadLocal<>();
    /** The data whose Allure result was written last on this thread, for an outcome that comes after the write. */
    private static final ThreadLocal<PendingCircuitData> WRITTEN = new ThreadLocal<>();

    final TestIdentity test;
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<NamedContent> attachments = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    String countedAgainst;
    /** The Allure result this data went into, once Allure is writing it. */
    TestResult writtenResult;

    private PendingCircuitData(TestIdentity test) {
        this.test = test;
    }

    /** Starts afresh for {@code test} on this thread (a new test drops what an earlier one left). */
    static PendingCircuitData begin(TestIdentity test) {
        PendingCircuitData d = new PendingCircuitData(test);
        CURRENT.set(d);
        WRITTEN.remove();
        return d;
    }

    /** The data of {@code test} on this thread, creating it if an event arrives without a beginning. */
    static PendingCircuitData of(TestIdentity test) {
        PendingCircuitData d = CURRENT.get();
        return d != null && d.test.equals(test) ? d : begin(test);
    }

    /** Takes the data if it belongs to the Allure result named {@code fullName}; otherwise leaves it. */
    static PendingCircuitData takeFor(String fullName) {
        PendingCircuitData d = CURRENT.get();
        if (d == null || fullName == null || !fullName.startsWith(d.test.className())
                || (d.test.methodName() != null && !fullName.contains(d.test.methodName()))) {
            return null;
        }
        CURRENT.remove();
        return d;
    }

    /** Looks without taking (for the stop hook, which may come before the final write). */
    static PendingCircuitData peekFor(String fullName) {
        PendingCircuitData d = CURRENT.get();
        if (d == null || fullName == null || !fullName.startsWith(d.test.className())) {
            return null;
        }
        return d;
    }

    /**
     * Remembers that {@code result}, carrying this data, is being written: allure-testng may hear of a test's end
     * (and write its result) before Tripswitch's listener does, so the outcome can come after the write.
     */
    void writtenAs(TestResult result) {
        writtenResult = result;
        WRITTEN.set(this);
    }

    /** The data of {@code test} if its Allure result was already written on this thread; it is forgotten then. */
    static PendingCircuitData alreadyWritten(TestIdentity test) {
        PendingCircuitData d = WRITTEN.get();
        if (d == null || !d.test.equals(test) || CURRENT.get() != null) {
            return null;
        }
        WRITTEN.remove();
        return d;
    }

    boolean isEmpty() {
        return labels.isEmpty() && attachments.isEmpty() && notes.isEmpty() && countedAgainst == null;
    }

    void clearApplied() {
        labels.clear();
        attachments.clear();
        notes.clear();
        countedAgainst = null;
    }
}
