package dev.tripswitch.samples.junit;

import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.junit.CircuitBreakerExtension;
import dev.tripswitch.samples.shop.RefusedCalls;
import dev.tripswitch.samples.shop.ShopPages;
import dev.tripswitch.samples.shop.ShopStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

/**
 * The outage story in JUnit 5, in three acts, with real headless Chromium against the sample shop.
 *
 * <ol>
 *   <li>{@link TheShopIsHealthy}: three tests pass.</li>
 *   <li>{@link TheShopGoesDown}: the shop's port is closed. The first three tests fail with
 *       {@code net::ERR_CONNECTION_REFUSED}, which opens circuit {@code shop}; the other three are skipped
 *       with the circuit's reason: two are refused before they start (no browser), and the last one, which is
 *       not under the circuit itself, meets it in its page object ({@link ShopPages} is woven), whose call is
 *       refused at once without touching the browser.</li>
 *   <li>{@link TheShopIsBack}: the shop is up again; once the circuit's cool-down (10 s) has passed, the
 *       first test goes through as the probe, passes and closes the circuit; the rest pass.</li>
 * </ol>
 *
 * <p>Each test gets its own browser, started in {@code @BeforeEach} (which runs only for tests the circuit
 * lets through) and quit in {@code @AfterEach}, whatever happened. The acts and their tests run in a fixed
 * order so that the story is the same every time.
 *
 * <p>This class contains failures on purpose: it is not a test of the build. The story tests in
 * {@code src/test/java} run it and check every outcome; {@code ./run_error_recovery_demo.sh} runs it too.
 */
@ExtendWith(CircuitBreakerExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
public class ShopOutageJourney {

    @BeforeAll
    static void openTheShop() {
        ShopStage.open();
    }

    @AfterAll
    static void closeTheShop() {
        ShopStage.close();
    }

    /** The browser of one test, shared by the three acts' set-up and tear-down. */
    abstract static class WithABrowserPerTest {

        BrowserSession browser;

        @BeforeEach
        void startBrowser() {
            browser = BrowserSession.start(BrowserSettings.fromSystemProperties());
        }

        @AfterEach
        void quitBrowser() {
            if (browser != null) {
                browser.close();
                browser = null;
            }
        }

        WebDriver driver() {
            return browser.driver();
        }
    }

    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TheShopIsHealthy extends WithABrowserPerTest {

        @ShopTest
        @Order(1)
        void homePageListsThreeProducts() {
            ShopPages.homePageListsThreeProducts(driver());
        }

        @ShopTest
        @Order(2)
        void productPageShowsThePrice() {
            ShopPages.productPageShowsThePrice(driver());
        }

        @ShopTest
        @Order(3)
        void searchFindsTheVoltageTester() {
            ShopPages.searchFindsTheVoltageTester(driver());
        }
    }

    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TheShopGoesDown extends WithABrowserPerTest {

        @BeforeAll
        void shopGoesDown() {
            ShopStage.goesDown();
        }

        @ShopTest
        @Order(1)
        void homePageListsThreeProducts() {
            ShopPages.homePageListsThreeProducts(driver());
        }

        @ShopTest
        @Order(2)
        void productPageShowsThePrice() {
            ShopPages.productPageShowsThePrice(driver());
        }

        @ShopTest
        @Order(3)
        void searchFindsTheVoltageTester() {
            ShopPages.searchFindsTheVoltageTester(driver());
        }

        @ShopTest
        @Order(4)
        void addToCartFillsTheCart() {
            ShopPages.addToCartFillsTheCart(driver());
        }

        @ShopTest
        @Order(5)
        void productLinkOpensTheProduct() {
            ShopPages.productLinkOpensTheProduct(driver());
        }

        /**
         * Not under the circuit itself: only its page object is. So it is not refused before it starts (its
         * browser starts), but its page-object call is refused at once, and the extension reports the test as
         * skipped with the circuit's reason.
         */
        @Test
        @Order(6)
        void unknownProductIsNotFound() {
            RefusedCalls.timed("ShopPages.unknownProductIsNotFound",
                    () -> ShopPages.unknownProductIsNotFound(driver()));
        }
    }

    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TheShopIsBack extends WithABrowserPerTest {

        @BeforeAll
        void shopComesBack() {
            ShopStage.comesBack();
        }

        @ShopTest
        @Order(1)
        void homePageListsThreeProducts() {
            ShopPages.homePageListsThreeProducts(driver());
        }

        @ShopTest
        @Order(2)
        void addToCartFillsTheCart() {
            ShopPages.addToCartFillsTheCart(driver());
        }

        @ShopTest
        @Order(3)
        void productLinkOpensTheProduct() {
            ShopPages.productLinkOpensTheProduct(driver());
        }

        @ShopTest
        @Order(4)
        void unknownProductIsNotFound() {
            ShopPages.unknownProductIsNotFound(driver());
        }
    }
}
