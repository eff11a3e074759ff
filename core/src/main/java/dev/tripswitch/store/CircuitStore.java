package dev.tripswitch.store;

import dev.tripswitch.CircuitBreakerConfig;

/**
 * Where circuits keep the state they share with other JVMs. A store applies each {@link StoreOperation}
 * atomically, by its own clock, with the rules of {@link SharedRules}, and tells the JVM when another JVM
 * changed a circuit it watches, so that the JVM's local copy stays current and a CLOSED circuit's calls never
 * wait for the store.
 *
 * <p>Contract: every call returns or throws {@link StoreException} within the store's timeout; no call may
 * hang. A store that fails is not asked again by the circuits that met the failure (they carry on unshared).
 * Messages never show a password: {@link #description()} is what may be shown.
 */
public interface CircuitStore extends AutoCloseable {

    /** The store as it may be shown (scheme, host, database, scope; a password masked). */
    String description();

    /**
     * Applies {@code op} atomically to circuit {@code name} (a fresh CLOSED circuit if it is not stored) and
     * returns its state afterwards.
     *
     * @throws StoreException the store failed or did not answer in time
     */
    SharedState apply(String name, CircuitBreakerConfig config, StoreOperation op);

    /**
     * Has {@code changed} run, on a thread of the store's, soon after circuit {@code name} changed in the store
     * (by any JVM; running it for this JVM's own changes too is allowed). The store may notify, poll, or both.
     */
    void watch(String name, Runnable changed);

    /** Stops the store's threads and connections. */
    @Override
    void close();
}
