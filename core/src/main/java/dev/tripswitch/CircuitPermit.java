package dev.tripswitch;

import dev.tripswitch.internal.CallCountedFailures;
import dev.tripswitch.internal.CircuitBackEnd;
import dev.tripswitch.internal.Reporter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permission to make one call through a circuit, for callers that run the work themselves. Report the
 * outcome exactly once: {@link #onSuccess()}, {@link #onFailure(Throwable)}, or {@link #release()} when the
 * call ended without an outcome that says anything about the dependency (an aborted or skipped test).
 *
 * <p>In CLOSED the same permit object is handed to every caller, so taking one allocates nothing. In
 * HALF_OPEN each permit is a probe holding one of the {@code permittedProbes} slots; reporting or releasing
 * it returns the slot, and a probe permit reports only once (later calls are ignored).
 *
 * <p>A permit remembers the state it was granted in: an outcome reported after the circuit has moved on
 * (for example a call let through while CLOSED that ends after the circuit opened) is added to the totals
 * but does not drive the later state. A probe keeps its slot until it is reported, even across a re-opening,
 * so at no moment are more than {@code permittedProbes} probes out.
 */
public final class CircuitPermit {

    private final CircuitBreaker breaker;
    /** The back end that granted this permit: its outcome is reported there (see {@link CircuitBackEnd}). */
    private final CircuitBackEnd<CircuitPermit> grantedBy;
    /** The state window the permit was granted in: an outcome reported in a later one only adds to the totals. */
    private final long window;
    /** What {@link #grantedBy} needs to find this permit's probe slot again. */
    private final long ticket;
    private final CircuitState grantedIn;
    private final AtomicBoolean reported;

    CircuitPermit(CircuitBreaker breaker, CircuitBackEnd<CircuitPermit> grantedBy, long window, long ticket,
                  CircuitState grantedIn) {
        this.breaker = breaker;
        this.grantedBy = grantedBy;
        this.window = window;
        this.ticket = ticket;
        this.grantedIn = grantedIn;
        this.reported = grantedIn == CircuitState.HALF_OPEN ? new AtomicBoolean() : null;
    }

    /** The circuit that granted this permit. */
    public CircuitBreaker circuit() {
        return breaker;
    }

    /** The state the circuit was in when it granted this permit; HALF_OPEN means this call is a probe. */
    public CircuitState grantedIn() {
        return grantedIn;
    }

    /** True when this permit is a probe of a half-open circuit. */
    public boolean isProbe() {
        return grantedIn == CircuitState.HALF_OPEN;
    }

    /** The call succeeded. */
    public void onSuccess() {
        if (firstReport()) {
            grantedBy.report(reporter(), window, ticket, true, null);
        }
    }

    /**
     * The call failed with {@code failure}; whether it counts is decided by the circuit's
     * {@code recordOn}/{@code ignoreOn}. A failure that does not count returns the slot like {@link #release()}.
     */
    public void onFailure(Throwable failure) {
        if (firstReport()) {
            grantedBy.report(reporter(), window, ticket, false, failure);
        }
    }

    /**
     * A protected call (a method woven by the AspectJ module, say) failed with {@code failure}: reported like
     * {@link #onFailure}, but counted once however many protected calls and tests it passes through. A failure
     * already counted by a call inside this one, or a refusal by another circuit ({@link CircuitOpenException}),
     * says nothing about this call's dependency: the permit is released instead. One this circuit counts is marked,
     * so that the protected test it ends is not counted again for it.
     */
    public void onCallFailure(Throwable failure) {
        int depth = CallCountedFailures.depth();
        if (failure instanceof CircuitOpenException || CallCountedFailures.countedBelow(failure, depth)) {
            release();
            return;
        }
        onFailure(failure);
        if (breaker.config().counts(failure)) {
            CallCountedFailures.mark(failure, depth);
        }
    }

    /** The call ended with no outcome worth recording; the probe slot (if any) is returned. */
    public void release() {
        if (firstReport() && isProbe()) {
            grantedBy.release(ticket);
        }
    }

    private boolean firstReport() {
        return reported == null || reported.compareAndSet(false, true);
    }

    private Reporter reporter() {
        return isProbe() ? Reporter.PROBE : Reporter.CLOSED_PERMIT;
    }

    @Override
    public String toString() {
        return "CircuitPermit[" + breaker.name() + ", granted in " + grantedIn + "]";
    }
}
