package dev.tripswitch.internal;

import dev.tripswitch.CircuitState;

/**
 * Makes the permits of one circuit. A permit carries the back end that granted it, the state window it was granted
 * in and the back end's ticket for it (see {@link CircuitBackEnd}).
 */
@FunctionalInterface
public interface PermitFactory<P> {
    P permit(CircuitBackEnd<P> grantedBy, long window, long ticket, CircuitState grantedIn);
}
