package dev.tripswitch.internal;

import dev.tripswitch.CircuitState;

/** Makes the permits of one circuit (for a {@link CircuitStateMachine} or a {@link SharedCircuit}). */
@FunctionalInterface
public interface PermitFactory<P> {
    P permit(long epoch, long cycle, CircuitState grantedIn);
}
