package consumer;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitState;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs under circuit 'consumer': tripswitch-junit5 and, through it, tripswitch-core resolved by the BOM. */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected("consumer")
class BomConsumerTest {

    @Test
    void runsUnderItsCircuit() {
        assertEquals(CircuitState.CLOSED, CircuitBreakerRegistry.global().find("consumer").orElseThrow().state());
    }
}
