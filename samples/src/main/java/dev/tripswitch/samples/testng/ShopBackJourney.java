package dev.tripswitch.samples.testng;

import dev.tripswitch.samples.shop.ShopPages;
import dev.tripswitch.samples.shop.ShopStage;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Act 3 of the TestNG outage story ({@link ShopOutageSuite}): the shop is back. The first test is the
 * circuit's probe; it passes and closes the circuit, and the rest pass.
 *
 * <p>Protected per method, not per class, on purpose: the circuit is still open when this class is set up,
 * and a class-level {@code @CircuitProtected} would leave out its {@code @BeforeClass} — the very method that
 * brings the shop back.
 */
public class ShopBackJourney extends BrowserPerClass {

    @BeforeClass
    public void shopComesBack() {
        ShopStage.comesBack();
    }

    @Test(priority = 1)
    @ShopCircuitProtected
    public void homePageListsThreeProducts() {
        ShopPages.homePageListsThreeProducts(driver());
    }

    @Test(priority = 2)
    @ShopCircuitProtected
    public void addToCartFillsTheCart() {
        ShopPages.addToCartFillsTheCart(driver());
    }

    @Test(priority = 3)
    @ShopCircuitProtected
    public void productLinkOpensTheProduct() {
        ShopPages.productLinkOpensTheProduct(driver());
    }

    @Test(priority = 4)
    @ShopCircuitProtected
    public void unknownProductIsNotFound() {
        ShopPages.unknownProductIsNotFound(driver());
    }
}
