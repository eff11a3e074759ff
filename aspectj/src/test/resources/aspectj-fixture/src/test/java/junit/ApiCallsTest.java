package junit;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import shop.FakeShop;
import shop.ShopApi;
import shop.unwoven.LegacyClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unprotected tests calling a protected API client: the calls themselves are guarded and counted. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiCallsTest {

    private static final FakeShop SHOP = new FakeShop();
    private static final ShopApi API = new ShopApi(SHOP);

    private static CircuitSnapshot snapshot(String circuit) {
        return CircuitBreakerRegistry.global().find(circuit).orElseThrow().snapshot();
    }

    @Test
    @Order(1)
    void ignoredFailure_isNotCounted() throws IOException {
        assertEquals("item 1 ok", API.item("1"));
        assertThrows(IllegalArgumentException.class, () -> API.item(" "));

        assertEquals(1, snapshot("api").totalSuccesses());
        assertEquals(1, snapshot("api").totalIgnored());
        assertEquals(0, snapshot("api").totalFailures());
    }

    @Test
    @Order(2)
    void recordedFailures_openTheCircuit_andLaterCallsAreRefusedWithoutReachingTheShop() {
        SHOP.goDown();
        for (int i = 0; i < 3; i++) {
            IOException e = assertThrows(IOException.class, () -> API.item("2"));
            assertEquals("item 2 down", e.getMessage());
        }
        assertEquals(CircuitState.OPEN, snapshot("api").state());
        int reached = SHOP.requests();

        CircuitOpenException refused = assertThrows(CircuitOpenException.class, () -> API.item("3"));

        assertEquals("api", refused.snapshot().name());
        assertTrue(refused.getMessage().contains("java.io.IOException: item 2 down"), refused.getMessage());
        assertEquals(reached, SHOP.requests());
    }

    @Test
    @Order(3)
    void asyncFailure_countsWhenTheStageCompletes() {
        CompletionException e = assertThrows(CompletionException.class, () -> API.feed().join());
        assertInstanceOf(UncheckedIOException.class, e.getCause());

        assertEquals(1, snapshot("feed").totalFailures());
        assertEquals(CircuitState.OPEN, snapshot("feed").state());
        assertThrows(CircuitOpenException.class, API::feed);
    }

    @Test
    @Order(4)
    void unwovenClient_runsUnprotected() {
        assertEquals("pong", new LegacyClient().ping());
        assertTrue(CircuitBreakerRegistry.global().find("legacy").isEmpty());
    }
}
