package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitProtected;

/** Settings that must be refused, at the call, with the same messages as for tests. */
class MisconfiguredClient {

    @CircuitProtected(value = "inventory", failureThreshold = 0)
    String badThreshold() {
        return "never";
    }

    @CircuitProtected(value = "orders", failureThreshold = 3)
    String orders() {
        return "orders";
    }

    @CircuitProtected(value = "orders", failureThreshold = 4)
    String ordersAgain() {
        return "orders again";
    }
}
