package dev.tripswitch.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The "one failure counts once" rule between a protected call and the protected test it runs in. A call-level
 * circuit (a protected call, {@link dev.tripswitch.CircuitPermit#onCallFailure}) that counts a failure marks it here; when that same
 * failure, or one caused by it, later ends a protected test, the test's permit is released instead of counting
 * it a second time, on whatever circuit the test is under: it counts once, on the circuit of the call.
 *
 * <p>Failures are held weakly and by identity ({@link Throwable} keeps {@code Object}'s equality), so a marked
 * failure that nobody holds any more is forgotten. Only failures are kept: the hot path never comes here. The
 * mark remembers the thread and stack depth of the call that counted it, so that between calls only the outer
 * ones leave it alone, while a later call throwing the same exception object counts again.
 */
public final class CallCountedFailures {

    /** Where a failure was counted: a later report counts it again only on the same thread, not deeper. */
    private record Mark(Thread thread, int depth) {
    }

    private static final Map<Throwable, Mark> COUNTED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final int MAX_CAUSES = 32;
    private static final StackWalker STACK = StackWalker.getInstance();

    private CallCountedFailures() {
    }

    /** This thread's stack depth, to pass to {@link #countedBelow} and {@link #mark}: taken only on a failure. */
    public static int depth() {
        return STACK.walk(frames -> (int) frames.count());
    }

    /** Marks {@code failure} as counted by the protected call at {@code depth} of this thread. */
    public static void mark(Throwable failure, int depth) {
        COUNTED.put(failure, new Mark(Thread.currentThread(), depth));
    }

    /**
     * Whether {@code failure} or one of its causes was already counted by a protected call. For a protected test's
     * failure (core's {@code Admission}): whatever the test's own stack depth, the calls it made are inside it.
     */
    public static boolean countedByACall(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (COUNTED.containsKey(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} or one of its causes was counted by a protected call inside the one at {@code depth}
     * (deeper on this thread), or on another thread: then this call leaves it alone.
     */
    public static boolean countedBelow(Throwable failure, int depth) {
        Thread current = Thread.currentThread();
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            Mark m = COUNTED.get(t);
            if (m != null && (m.thread() != current || m.depth() > depth)) {
                return true;
            }
        }
        return false;
    }

}
