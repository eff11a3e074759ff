package junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import shop.FakeShop;
import shop.pages.Observed;
import shop.pages.ShopPages;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tests under circuit "pages" using page objects under the same circuit: a failure must count once. */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected("pages")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectedPagesTest {

    private final FakeShop shop = new FakeShop();
    private final ShopPages pages = new ShopPages(shop);

    @Test
    @Order(1)
    void searchWhileTheShopIsUp() throws IOException {
        assertEquals("search voltage ok", pages.search("voltage"));
        assertEquals("ShopPages", pages.toString());
    }

    @Test
    @Order(2)
    void searchWhileTheShopIsDown() throws IOException {
        shop.goDown();
        pages.search("voltage"); // IOException: the page object's call and the test both see it
    }

    @AfterAll
    static void writeWhatWasCounted() {
        Observed.write("junit-ProtectedPagesTest", "pages");
    }
}
