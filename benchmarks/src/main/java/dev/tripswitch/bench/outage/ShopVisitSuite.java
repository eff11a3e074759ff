package dev.tripswitch.bench.outage;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.util.stream.IntStream;

/**
 * The outage benchmark's suite: {@link OutageTarget#tests} browser tests, each a short shopping journey in the
 * sample shop (home page, a product, add to cart, search). Protected by circuit {@code shop-outage} with the
 * sample suites' settings (3 consecutive failures open it, first probe 2 s later; {@link OutageRunner} adds the
 * WAIT and replay arms' settings as system properties, which this annotation leaves to them). One headless Chromium serves
 * the whole suite, which keeps 100+ real-browser tests within a few minutes on two cores.
 *
 * <p>Not a test of this module: it lives in main code and only {@link OutageRunner} runs it.
 */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected(value = ShopVisitSuite.CIRCUIT, failureThreshold = ShopVisitSuite.FAILURE_THRESHOLD,
        halfOpenAfter = "2s")
public class ShopVisitSuite {

    public static final String CIRCUIT = "shop-outage";
    public static final int FAILURE_THRESHOLD = 3;

    @BeforeAll
    static void startBrowser() {
        OutageTarget.session = OutageTarget.startBrowser();
    }

    @AfterAll
    static void quitBrowser() {
        BrowserSession s = OutageTarget.session;
        if (s != null) {
            s.close();
        }
    }

    static IntStream visits() {
        return IntStream.rangeClosed(1, OutageTarget.tests);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visits")
    void shoppingJourney(int visit) {
        journey(OutageTarget.session.driver(), OutageTarget.shop.toString(), visit);
    }

    /** One visit: the home page lists 3 products, one goes into the cart, a search finds one. */
    static void journey(WebDriver driver, String base, int visit) {
        driver.get(base);
        int products = driver.findElements(By.cssSelector("#products .product")).size();
        if (products != 3) {
            throw new AssertionError("visit " + visit + ": expected 3 products, saw " + products);
        }
        int id = visit % 3 + 1;
        driver.get(base + "product/" + id);
        driver.findElement(By.id("add")).click();
        String cart = driver.findElement(By.id("cart")).getText();
        if (!cart.contains("1 item")) {
            throw new AssertionError("visit " + visit + ": cart says '" + cart + "'");
        }
        driver.get(base + "search?q=tester");
        String hits = driver.findElement(By.id("hits")).getText();
        if (!hits.startsWith("1 ")) {
            throw new AssertionError("visit " + visit + ": search says '" + hits + "'");
        }
    }
}
