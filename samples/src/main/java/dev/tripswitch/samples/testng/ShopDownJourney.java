package dev.tripswitch.samples.testng;

import dev.tripswitch.samples.shop.RefusedCalls;
import dev.tripswitch.samples.shop.ShopPages;
import dev.tripswitch.samples.shop.ShopStage;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Act 2 of the TestNG outage story ({@link ShopOutageSuite}): the shop goes down. The first three tests fail
 * with {@code net::ERR_CONNECTION_REFUSED} and open circuit {@code shop}; the rest are skipped with the
 * circuit's reason: two are refused before they run, and the last one, which is not under the circuit itself,
 * meets it in its page object ({@link ShopPages} is woven), whose call is refused at once.
 *
 * <p>Protected per method, not per class, so that one test can be left to its page object.
 */
public class ShopDownJourney extends BrowserPerClass {

    @BeforeClass
    public void shopGoesDown() {
        ShopStage.goesDown();
    }

    @Test(priority = 1)
    @ShopCircuitProtected
    public void homePageListsThreeProducts() {
        ShopPages.homePageListsThreeProducts(driver());
    }

    @Test(priority = 2)
    @ShopCircuitProtected
    public void productPageShowsThePrice() {
        ShopPages.productPageShowsThePrice(driver());
    }

    @Test(priority = 3)
    @ShopCircuitProtected
    public void searchFindsTheVoltageTester() {
        ShopPages.searchFindsTheVoltageTester(driver());
    }

    @Test(priority = 4)
    @ShopCircuitProtected
    public void addToCartFillsTheCart() {
        ShopPages.addToCartFillsTheCart(driver());
    }

    @Test(priority = 5)
    @ShopCircuitProtected
    public void productLinkOpensTheProduct() {
        ShopPages.productLinkOpensTheProduct(driver());
    }

    /** Not under the circuit itself: its page-object call is refused, and the listener makes it a SKIP. */
    @Test(priority = 6)
    public void unknownProductIsNotFound() {
        RefusedCalls.timed("ShopPages.unknownProductIsNotFound", () -> ShopPages.unknownProductIsNotFound(driver()));
    }
}
