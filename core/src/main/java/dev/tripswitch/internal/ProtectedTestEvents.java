package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Sends protected-test events to the {@link ProtectedTestListener}s found by {@link ServiceLoader} (loaded once
 * per class loader that first asks) and to any added by hand; a throwing listener is logged and skipped.
 */
public final class ProtectedTestEvents {

    private static final System.Logger LOG = System.getLogger(ProtectedTestEvents.class.getName());
    private static volatile ProtectedTestEvents instance;

    private final List<ProtectedTestListener> listeners = new CopyOnWriteArrayList<>();

    ProtectedTestEvents(List<ProtectedTestListener> initial) {
        listeners.addAll(initial);
    }

    /** A dispatcher to {@code listeners} only (for tests of code that takes a dispatcher). */
    public static ProtectedTestEvents of(ProtectedTestListener... listeners) {
        return new ProtectedTestEvents(List.of(listeners));
    }

    /** The JVM-wide dispatcher with the listeners {@link ServiceLoader} finds. */
    public static ProtectedTestEvents global() {
        ProtectedTestEvents e = instance;
        if (e == null) {
            synchronized (ProtectedTestEvents.class) {
                e = instance;
                if (e == null) {
                    e = new ProtectedTestEvents(load());
                    instance = e;
                }
            }
        }
        return e;
    }

    private static List<ProtectedTestListener> load() {
        return Services.load(ProtectedTestListener.class, Services.contextLoader(ProtectedTestEvents.class),
                "protected-test listener");
    }

    /** True when nobody listens (then callers need not build the events' snapshots). */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    public void add(ProtectedTestListener listener) {
        listeners.add(listener);
    }

    public void remove(ProtectedTestListener listener) {
        listeners.remove(listener);
    }

    public void admitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
        each(l -> l.onTestAdmitted(test, atStart, probe));
    }

    public void refused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        each(l -> l.onTestRefused(test, snapshot, reason));
    }

    public void deferred(TestIdentity test, CircuitSnapshot snapshot, String reason) {
        each(l -> l.onTestDeferred(test, snapshot, reason));
    }

    public void finished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        each(l -> l.onTestFinished(test, outcome, failure, after));
    }

    public void note(TestIdentity test, String title, boolean ok, String detailsJson) {
        each(l -> l.onTestNote(test, title, ok, detailsJson));
    }

    private void each(Consumer<ProtectedTestListener> call) {
        for (ProtectedTestListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING,
                        "Tripswitch: protected-test listener " + l.getClass().getName() + " threw; ignored", e);
            }
        }
    }
}
