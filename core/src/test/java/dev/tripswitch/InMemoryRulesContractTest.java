package dev.tripswitch;

import org.junit.jupiter.api.Assumptions;

/** The circuit's rules on the in-memory state machine: a circuit made by {@link CircuitBreaker#of}. */
class InMemoryRulesContractTest extends CircuitRulesContract {

    @Override
    protected CircuitBreaker circuit(CircuitBreakerConfig config) {
        return CircuitBreaker.of(NAME, config);
    }

    @Override
    protected CircuitBreaker inAnotherJvm(CircuitBreakerConfig config) {
        return Assumptions.abort("an in-memory circuit lives in one JVM: no other JVM can hold its probe");
    }

    @Override
    protected void crash(CircuitBreaker circuit) {
        throw new UnsupportedOperationException("no other JVM");
    }
}
