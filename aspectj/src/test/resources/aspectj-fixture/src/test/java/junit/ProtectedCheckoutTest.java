package junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import shop.FakeShop;
import shop.ShopApi;
import shop.pages.Observed;

import java.io.IOException;

/** A test under circuit "checkout" whose API call (circuit "orders") fails: it counts once, on "orders". */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected("checkout")
class ProtectedCheckoutTest {

    @Test
    void orderWhileTheShopIsDown() throws IOException {
        FakeShop shop = new FakeShop();
        shop.goDown();
        new ShopApi(shop).order("7");
    }

    @AfterAll
    static void writeWhatWasCounted() {
        Observed.write("junit-ProtectedCheckoutTest", "orders", "checkout");
    }
}
