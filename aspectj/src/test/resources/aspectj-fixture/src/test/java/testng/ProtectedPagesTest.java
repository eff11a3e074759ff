package testng;

import dev.tripswitch.CircuitProtected;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;
import shop.FakeShop;
import shop.pages.Observed;
import shop.pages.ShopPages;

import java.io.IOException;

import static org.testng.Assert.assertEquals;

/** Tests under circuit "pages" using page objects under the same circuit: a failure must count once. */
@CircuitProtected("pages")
public class ProtectedPagesTest {

    private final FakeShop shop = new FakeShop();
    private final ShopPages pages = new ShopPages(shop);

    @Test(priority = 1)
    public void searchWhileTheShopIsUp() throws IOException {
        assertEquals(pages.search("voltage"), "search voltage ok");
        assertEquals(pages.toString(), "ShopPages");
    }

    @Test(priority = 2)
    public void searchWhileTheShopIsDown() throws IOException {
        shop.goDown();
        pages.search("voltage"); // IOException: the page object's call and the test both see it
    }

    @AfterClass
    public void writeWhatWasCounted() {
        Observed.write("testng-ProtectedPagesTest", "pages");
    }
}
