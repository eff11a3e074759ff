package dev.tripswitch.samples.shop;

import dev.tripswitch.CircuitProtected;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the sample suites check in the shop, one method per user journey, shared by the JUnit and the TestNG
 * suite. Navigation is where an outage shows: {@code driver.get} throws
 * {@code WebDriverException: unknown error: net::ERR_CONNECTION_REFUSED} while the shop is down (a counted
 * failure). Wrong content fails an assertion instead (a product bug, never counted by the circuit).
 *
 * <p>These page objects are under circuit {@code shop} themselves (every public method; woven at compile time
 * by tripswitch-aspectj, see samples/pom.xml): while the circuit is open, a call is refused at once with
 * {@link dev.tripswitch.CircuitOpenException} and never reaches the browser, wherever it is made from. Inside a
 * test under circuit {@code shop} a call rides on the test's permit, so the test is the one outcome counted; a
 * test that is not protected itself is skipped with the circuit's reason when its page object is refused.
 */
@CircuitProtected(value = ShopCircuit.NAME, failureThreshold = ShopCircuit.FAILURE_THRESHOLD,
        halfOpenAfter = ShopCircuit.HALF_OPEN_AFTER, recoveryTimeout = ShopCircuit.RECOVERY_TIMEOUT)
public final class ShopPages {

    private ShopPages() {
    }

    public static void homePageListsThreeProducts(WebDriver driver) {
        driver.get(ShopStage.baseUri().toString());
        assertEquals("Tripswitch Sample Shop", driver.getTitle());
        List<String> names = driver.findElements(By.cssSelector("#products .product")).stream()
                .map(e -> e.getText()).toList();
        assertEquals(List.of("Circuit breaker, 16 A", "Fuse box", "Voltage tester"), names);
    }

    public static void productPageShowsThePrice(WebDriver driver) {
        driver.get(ShopStage.baseUri().resolve("/product/2").toString());
        assertEquals("Fuse box", driver.findElement(By.id("name")).getText());
        assertEquals("48.00 EUR", driver.findElement(By.id("price")).getText());
    }

    public static void searchFindsTheVoltageTester(WebDriver driver) {
        driver.get(ShopStage.baseUri().toString());
        driver.findElement(By.id("q")).sendKeys("tester");
        driver.findElement(By.id("go")).click();
        assertEquals("1 results", afterNavigation(driver, By.id("hits")).getText());
    }

    public static void addToCartFillsTheCart(WebDriver driver) {
        driver.get(ShopStage.baseUri().resolve("/product/1").toString());
        assertEquals("empty", driver.findElement(By.id("cart")).getText());
        driver.findElement(By.id("add")).click();
        assertEquals("1 item", driver.findElement(By.id("cart")).getText());
    }

    public static void productLinkOpensTheProduct(WebDriver driver) {
        driver.get(ShopStage.baseUri().toString());
        driver.findElement(By.linkText("Voltage tester")).click();
        assertEquals("19.50 EUR", afterNavigation(driver, By.id("price")).getText());
    }

    /** A click starts a navigation and returns before it is over: wait for the new page's element. */
    private static WebElement afterNavigation(WebDriver driver, By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    public static void unknownProductIsNotFound(WebDriver driver) {
        driver.get(ShopStage.baseUri().resolve("/product/99").toString());
        assertEquals("No such product", driver.findElement(By.id("missing")).getText());
    }
}
