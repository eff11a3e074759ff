package dev.tripswitch;

import dev.tripswitch.internal.CircuitEvents;

import java.util.Arrays;
import java.util.Objects;

/**
 * The listeners of one circuit (or of a registry), as a copy-on-write array: dispatch walks a plain array (no
 * iterator, no allocation) and contains every listener failure, so a listener can never break a circuit or its
 * caller. The circuit's back end reports its events here ({@link CircuitEvents}), and they go to each listener with
 * the circuit they happened on.
 */
final class CircuitListeners implements CircuitEvents {

    private static final System.Logger LOG = System.getLogger(CircuitListeners.class.getName());
    private static final CircuitEventListener[] NONE = new CircuitEventListener[0];

    private final CircuitBreaker circuit; // null for a registry's listeners, which are only copied into circuits
    private volatile CircuitEventListener[] listeners = NONE;

    CircuitListeners(CircuitBreaker circuit) {
        this.circuit = circuit;
    }

    synchronized void add(CircuitEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        CircuitEventListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    synchronized void remove(CircuitEventListener listener) {
        listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(CircuitEventListener[]::new);
    }

    CircuitEventListener[] toArray() {
        return listeners.clone();
    }

    @Override
    public void transition(CircuitSnapshot.Transition transition) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onStateTransition(circuit, transition);
            } catch (Throwable t) {
                report(l, "onStateTransition", t);
            }
        }
    }

    @Override
    public void success() {
        for (CircuitEventListener l : listeners) {
            try {
                l.onSuccess(circuit);
            } catch (Throwable t) {
                report(l, "onSuccess", t);
            }
        }
    }

    @Override
    public void failure(Throwable failure, boolean counted) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onFailure(circuit, failure, counted);
            } catch (Throwable t) {
                report(l, "onFailure", t);
            }
        }
    }

    @Override
    public void rejection() {
        for (CircuitEventListener l : listeners) {
            try {
                l.onRejection(circuit);
            } catch (Throwable t) {
                report(l, "onRejection", t);
            }
        }
    }

    @Override
    public void healthAnswered(boolean healthy, String answer) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onHealthCheck(circuit, healthy, answer);
            } catch (Throwable t) {
                report(l, "onHealthCheck", t);
            }
        }
    }

    private static void report(CircuitEventListener listener, String method, Throwable t) {
        if (t instanceof VirtualMachineError vme) {
            throw vme;
        }
        LOG.log(System.Logger.Level.WARNING,
                () -> "Tripswitch: listener " + listener.getClass().getName() + "." + method
                        + " threw; the circuit goes on regardless", t);
    }
}
