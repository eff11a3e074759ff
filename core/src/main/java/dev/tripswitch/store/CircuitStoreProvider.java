package dev.tripswitch.store;

import java.util.Set;

/**
 * Makes {@link CircuitStore}s for the values of {@code tripswitch.store} that start with one of its schemes
 * ({@code file}, {@code redis}, ...). Found with {@link java.util.ServiceLoader}: a module that brings a store
 * lists its provider in {@code META-INF/services/dev.tripswitch.store.CircuitStoreProvider}.
 */
public interface CircuitStoreProvider {

    /** The schemes this provider serves, lower case. */
    Set<String> schemes();

    /** What a value for this provider looks like, for messages (e.g. {@code redis://[user:password@]host:port/db}). */
    String form();

    /**
     * The scope used when {@code tripswitch.store.scope} is not set: what the JVMs that should share circuits
     * have in common (the forks of one build, the shards of one CI run).
     */
    String defaultScope();

    /**
     * Checks {@code settings} and opens the store. Bad values throw
     * {@link dev.tripswitch.CircuitConfigurationException} naming the setting, the value and what is allowed;
     * an unreachable store may throw {@link StoreException} (the circuits then run unshared).
     */
    CircuitStore open(StoreSettings settings);
}
