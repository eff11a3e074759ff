package testng;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.testng.annotations.Test;
import shop.FakeShop;
import shop.ShopApi;
import shop.unwoven.LegacyClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** Unprotected tests calling a protected API client: the calls themselves are guarded and counted. */
public class ApiCallsTest {

    private static final FakeShop SHOP = new FakeShop();
    private static final ShopApi API = new ShopApi(SHOP);

    private static CircuitSnapshot snapshot(String circuit) {
        return CircuitBreakerRegistry.global().find(circuit).orElseThrow().snapshot();
    }

    @Test(priority = 1)
    public void ignoredFailure_isNotCounted() throws IOException {
        assertEquals(API.item("1"), "item 1 ok");
        assertThrows(IllegalArgumentException.class, () -> API.item(" "));

        assertEquals(snapshot("api").totalSuccesses(), 1);
        assertEquals(snapshot("api").totalIgnored(), 1);
        assertEquals(snapshot("api").totalFailures(), 0);
    }

    @Test(priority = 2)
    public void recordedFailures_openTheCircuit_andLaterCallsAreRefusedWithoutReachingTheShop() {
        SHOP.goDown();
        for (int i = 0; i < 3; i++) {
            IOException e = expectThrows(IOException.class, () -> API.item("2"));
            assertEquals(e.getMessage(), "item 2 down");
        }
        assertEquals(snapshot("api").state(), CircuitState.OPEN);
        int reached = SHOP.requests();

        CircuitOpenException refused = expectThrows(CircuitOpenException.class, () -> API.item("3"));

        assertEquals(refused.snapshot().name(), "api");
        assertTrue(refused.getMessage().contains("java.io.IOException: item 2 down"), refused.getMessage());
        assertEquals(SHOP.requests(), reached);
    }

    @Test(priority = 3)
    public void asyncFailure_countsWhenTheStageCompletes() {
        CompletionException e = expectThrows(CompletionException.class, () -> API.feed().join());
        assertTrue(e.getCause() instanceof UncheckedIOException, String.valueOf(e.getCause()));

        assertEquals(snapshot("feed").totalFailures(), 1);
        assertEquals(snapshot("feed").state(), CircuitState.OPEN);
        assertThrows(CircuitOpenException.class, API::feed);
    }

    @Test(priority = 4)
    public void unwovenClient_runsUnprotected() {
        assertEquals(new LegacyClient().ping(), "pong");
        assertTrue(CircuitBreakerRegistry.global().find("legacy").isEmpty());
    }
}
