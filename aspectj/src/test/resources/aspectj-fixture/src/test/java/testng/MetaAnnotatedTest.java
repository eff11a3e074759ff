package testng;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitOpenException;
import org.testng.annotations.Test;
import shop.FakeShop;
import shop.MetaClient;
import shop.ShopCall;

import java.io.IOException;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

/** A client protected through the user's own annotation, and that annotation read by reflection. */
public class MetaAnnotatedTest {

    @Test
    public void metaAnnotatedClient_isGuarded_andItsAnnotationReadsBack() throws IOException {
        assertEquals(MetaClient.class.getAnnotation(ShopCall.class).annotationType(), ShopCall.class);
        FakeShop shop = new FakeShop();
        MetaClient client = new MetaClient(shop);
        assertEquals(client.ping(), "meta ping ok");
        shop.goDown();
        assertThrows(IOException.class, client::ping);
        assertThrows(IOException.class, client::ping);
        assertThrows(CircuitOpenException.class, client::ping);
        assertEquals(CircuitBreakerRegistry.global().find("meta").orElseThrow().snapshot().totalFailures(), 2);
    }
}
