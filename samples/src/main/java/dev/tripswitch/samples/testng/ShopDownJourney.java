package dev.tripswitch.samples.testng;

import dev.tripswitch.samples.shop.ShopPages;
import dev.tripswitch.samples.shop.ShopStage;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Act 2 of the TestNG outage story ({@link ShopOutageSuite}): the shop goes down. The first three tests fail
 * with {@code net::ERR_CONNECTION_REFUSED} and open circuit {@code shop}; the rest are skipped with the
 * circuit's reason.
 */
@ShopCircuitProtected
public class ShopDownJourney extends BrowserPerClass {

    @BeforeClass
    public void shopGoesDown() {
        ShopStage.goesDown();
    }

    @Test(priority = 1)
    public void homePageListsThreeProducts() {
        ShopPages.homePageListsThreeProducts(driver());
    }

    @Test(priority = 2)
    public void productPageShowsThePrice() {
        ShopPages.productPageShowsThePrice(driver());
    }

    @Test(priority = 3)
    public void searchFindsTheVoltageTester() {
        ShopPages.searchFindsTheVoltageTester(driver());
    }

    @Test(priority = 4)
    public void addToCartFillsTheCart() {
        ShopPages.addToCartFillsTheCart(driver());
    }

    @Test(priority = 5)
    public void productLinkOpensTheProduct() {
        ShopPages.productLinkOpensTheProduct(driver());
    }

    @Test(priority = 6)
    public void unknownProductIsNotFound() {
        ShopPages.unknownProductIsNotFound(driver());
    }
}
