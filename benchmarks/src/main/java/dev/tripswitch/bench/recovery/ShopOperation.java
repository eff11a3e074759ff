package dev.tripswitch.bench.recovery;

import dev.tripswitch.browser.RecoveryStrategy;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.net.URI;

/**
 * The operation every recovery must get working again, as a browser test would use the page: load a product
 * page of the sample shop, find the product's name, click "Add to cart" and see the cart change, call the
 * shop's JSON API from the page ({@code fetch}, expecting HTTP 200), and — when the browser had WebGL before
 * the failure — get a WebGL context. Any failure throws.
 */
public final class ShopOperation implements RecoveryStrategy.Operation {

    private static final String FETCH_STATUS = "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {cache: 'no-store'}).then(r => done(r.status)).catch(e => done(-1));";
    private static final String WEBGL = "const c = document.createElement('canvas');"
            + "return !!(c.getContext('webgl') || c.getContext('experimental-webgl'));";

    private final String pageUrl;
    private final String apiUrl;
    private boolean requireWebGl;

    public ShopOperation(URI base) {
        this.pageUrl = base.resolve("/product/1").toString();
        this.apiUrl = base.resolve("/api/health").toString();
    }

    public String pageUrl() {
        return pageUrl;
    }

    /** Runs the operation once on a healthy browser and remembers whether WebGL is part of it. */
    public void calibrate(WebDriver driver) throws Exception {
        run(driver);
        requireWebGl = Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(WEBGL));
    }

    public boolean requiresWebGl() {
        return requireWebGl;
    }

    @Override
    public void run(WebDriver driver) throws Exception {
        driver.get(pageUrl);
        String name = driver.findElement(By.id("name")).getText();
        if (name.isBlank()) {
            throw new IllegalStateException("the product page shows no product name");
        }
        driver.findElement(By.id("add")).click();
        String cart = driver.findElement(By.id("cart")).getText();
        if (!cart.contains("1 item")) {
            throw new IllegalStateException("the cart says '" + cart + "' after adding a product");
        }
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(FETCH_STATUS, apiUrl);
        if (!(status instanceof Number n) || n.intValue() != 200) {
            throw new IllegalStateException("the shop's API answered " + status + " instead of 200");
        }
        if (requireWebGl && !Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(WEBGL))) {
            throw new IllegalStateException("WebGL is no longer available");
        }
    }
}
