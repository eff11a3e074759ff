package dev.tripswitch.aspectj;

/** Rethrows a method's own throwable, checked or not, unchanged and unwrapped. */
final class Rethrow {

    private Rethrow() {
    }

    /** Throws {@code failure}; declared to return so callers can write {@code throw Rethrow.unchecked(e)}. */
    static RuntimeException unchecked(Throwable failure) {
        throw Rethrow.<RuntimeException>sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable failure) throws T {
        throw (T) failure;
    }
}
