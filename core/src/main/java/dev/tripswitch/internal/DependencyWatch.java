package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyFailures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dependencies one test called, with the permit each one's circuit gave at the test's first call to it, and the
 * infrastructure failures of its watched calls (by identity, with the dependency each named). Bound to the test's
 * thread from its admission to its outcome ({@code TestRun}), where watched calls
 * ({@link dev.tripswitch.dependency.DependencyCalls}) find it.
 *
 * <p>Thread-safe.
 */
public final class DependencyWatch {

    private static final ThreadLocal<DependencyWatch> CURRENT = new ThreadLocal<>();
    private static final int MAX_CAUSES = 16;

    /** The permit of a dependency's circuit, taken at the test's first call to it. */
    public record Touched(Dependency dependency, CircuitBreaker circuit, CircuitPermit permit, long atMillis) { }

    private record CallFailure(Throwable failure, Dependency dependency) { }

    private final boolean counts;
    private final Map<Dependency, Touched> touched = new LinkedHashMap<>();
    private final List<CallFailure> failures = new ArrayList<>();

    /**
     * @param counts whether the test's outcome counts on the dependencies' circuits: false for a test under
     *               {@code @CircuitProtected} (its own circuit counts it; the dependencies' circuits only refuse)
     */
    public DependencyWatch(boolean counts) {
        this.counts = counts;
    }

    /** The watch of the test running on this thread, if any. */
    public static Optional<DependencyWatch> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public boolean counts() {
        return counts;
    }

    /** Binds this watch to the thread (its test runs here). */
    public void enter() {
        CURRENT.set(this);
    }

    /** Unbinds it, if it is the thread's. */
    public void leave() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    public synchronized boolean has(Dependency dependency) {
        return touched.containsKey(dependency);
    }

    /** The test's first call to {@code dependency} was let through by {@code circuit} with {@code permit}. */
    public synchronized void keep(Dependency dependency, CircuitBreaker circuit, CircuitPermit permit) {
        touched.putIfAbsent(dependency, new Touched(dependency, circuit, permit, RunRecorder.now(circuit)));
    }

    /** A watched call to a dependency failed with {@code failure}, an infrastructure failure naming {@code named}. */
    public synchronized void callFailed(Throwable failure, Dependency named) {
        failures.add(new CallFailure(failure, named));
    }

    /** The dependencies called, each once, in the order of the first calls; the watch keeps none after this. */
    public synchronized List<Touched> takeTouched() {
        List<Touched> out = List.copyOf(touched.values());
        touched.clear();
        return out;
    }

    /** Gives back every permit, recording nothing. */
    public void releaseAll() {
        leave();
        for (Touched t : takeTouched()) {
            t.permit().release();
        }
    }

    /**
     * The dependency the test's failure names: the one a watched call recorded for a throwable of its chain of causes
     * (the same object, not an equal one), else what the table says of the failure with no target; empty for a
     * product failure. The chain is not searched past an {@link AssertionError}.
     */
    public Optional<Dependency> dependencyOf(Throwable failure) {
        synchronized (this) {
            Throwable t = failure;
            for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
                if (t instanceof AssertionError) {
                    return Optional.empty();
                }
                for (CallFailure f : failures) {
                    if (f.failure() == t) {
                        return Optional.of(f.dependency());
                    }
                }
            }
        }
        return DependencyFailures.dependencyOf(failure, null);
    }
}
