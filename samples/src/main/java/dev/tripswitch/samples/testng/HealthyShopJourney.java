package dev.tripswitch.samples.testng;

import dev.tripswitch.samples.shop.ShopPages;
import org.testng.annotations.Test;

/** Act 1 of the TestNG outage story ({@link ShopOutageSuite}): the shop is healthy and every test passes. */
@ShopCircuitProtected
public class HealthyShopJourney extends BrowserPerClass {

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
}
