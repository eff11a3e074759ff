package testng;

import dev.tripswitch.CircuitProtected;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;
import shop.FakeShop;
import shop.ShopApi;
import shop.pages.Observed;

import java.io.IOException;

/** A test under circuit "checkout" whose API call (circuit "orders") fails: it counts once, on "orders". */
@CircuitProtected("checkout")
public class ProtectedCheckoutTest {

    @Test
    public void orderWhileTheShopIsDown() throws IOException {
        FakeShop shop = new FakeShop();
        shop.goDown();
        new ShopApi(shop).order("7");
    }

    @AfterClass
    public void writeWhatWasCounted() {
        Observed.write("testng-ProtectedCheckoutTest", "orders", "checkout");
    }
}
