package dev.tripswitch.store;

/**
 * A {@link CircuitStore} could not do what was asked in time (unreachable, refused, failed, timed out). The
 * circuit that met it carries on unshared, in memory; the message names the store (never its password).
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
