package junit;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitOpenException;
import org.junit.jupiter.api.Test;
import shop.FakeShop;
import shop.MetaClient;
import shop.ShopCall;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A client protected through the user's own annotation, and that annotation read by reflection. */
class MetaAnnotatedTest {

    @Test
    void metaAnnotatedClient_isGuarded_andItsAnnotationReadsBack() throws IOException {
        assertEquals(ShopCall.class, MetaClient.class.getAnnotation(ShopCall.class).annotationType());
        FakeShop shop = new FakeShop();
        MetaClient client = new MetaClient(shop);
        assertEquals("meta ping ok", client.ping());
        shop.goDown();
        assertThrows(IOException.class, client::ping);
        assertThrows(IOException.class, client::ping);
        assertThrows(CircuitOpenException.class, client::ping);
        assertEquals(2, CircuitBreakerRegistry.global().find("meta").orElseThrow().snapshot().totalFailures());
    }
}
