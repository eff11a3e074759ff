package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.CircuitEventListener;

import java.util.Arrays;
import java.util.Objects;

/**
 * A copy-on-write array of listeners. Dispatch walks a plain array (no iterator, no allocation) and
 * contains every listener failure, so a listener can never break a circuit or its caller.
 */
public final class ListenerSet {

    private static final System.Logger LOG = System.getLogger(ListenerSet.class.getName());
    private static final CircuitEventListener[] NONE = new CircuitEventListener[0];

    private volatile CircuitEventListener[] listeners = NONE;

    public synchronized void add(CircuitEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        CircuitEventListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    public synchronized void remove(CircuitEventListener listener) {
        listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(CircuitEventListener[]::new);
    }

    public CircuitEventListener[] toArray() {
        return listeners.clone();
    }

    public void transition(CircuitBreaker circuit, CircuitSnapshot.Transition transition) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onStateTransition(circuit, transition);
            } catch (Throwable t) {
                report(l, "onStateTransition", t);
            }
        }
    }

    public void success(CircuitBreaker circuit) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onSuccess(circuit);
            } catch (Throwable t) {
                report(l, "onSuccess", t);
            }
        }
    }

    public void failure(CircuitBreaker circuit, Throwable failure, boolean counted) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onFailure(circuit, failure, counted);
            } catch (Throwable t) {
                report(l, "onFailure", t);
            }
        }
    }

    public void rejection(CircuitBreaker circuit) {
        for (CircuitEventListener l : listeners) {
            try {
                l.onRejection(circuit);
            } catch (Throwable t) {
                report(l, "onRejection", t);
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
