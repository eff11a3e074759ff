package dev.tripswitch.samples.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.FailureType;
import dev.tripswitch.browser.InjectBrowserFailure;
import dev.tripswitch.browser.RecoveryReport;
import dev.tripswitch.browser.RecoveryStep;
import dev.tripswitch.browser.RecoveryStrategy;
import dev.tripswitch.junit.CircuitBreakerExtension;
import dev.tripswitch.samples.shop.ShopPages;
import dev.tripswitch.samples.shop.ShopStage;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

import static dev.tripswitch.browser.FailureIntensity.MODERATE;
import static dev.tripswitch.browser.FailureIntensity.SEVERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real failures injected into the test's own browser, and recovered: the shop stays up, the browser breaks.
 * Each test gets its browser as a {@link BrowserSession} parameter (started by the extension, quit after the
 * test); {@code @InjectBrowserFailure} breaks it right before the body, and the body recovers with
 * {@link RecoveryStrategy}, which tries steps of growing cost until the shop's home page opens again. The
 * recovery report is attached to the test's Allure result; the injection shows there as a step.
 */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected(value = "browser", failureThreshold = 3, halfOpenAfter = "2s", recoveryTimeout = "10s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class BrowserFailureRecoveryJourney {

    @BeforeAll
    static void openTheShop() {
        ShopStage.open();
    }

    @AfterAll
    static void closeTheShop() {
        ShopStage.close();
    }

    @Test
    @Order(1)
    @InjectBrowserFailure(type = FailureType.CRASH, intensity = MODERATE)
    void aCrashedTab_isReplacedByReloading(BrowserSession browser) {
        RecoveryReport report = recoverTheHomePage(browser, FailureType.CRASH);
        assertEquals(RecoveryStep.RELOAD, report.succeededAt(), report.describe());
    }

    @Test
    @Order(2)
    @InjectBrowserFailure(type = FailureType.CONNECTION_FAILURE, intensity = SEVERE)
    void aBrowserCutOffTheNetwork_isRestarted(BrowserSession browser) {
        RecoveryReport report = recoverTheHomePage(browser, FailureType.CONNECTION_FAILURE);
        assertEquals(RecoveryStep.RESTART_SESSION, report.succeededAt(), report.describe());
    }

    private static RecoveryReport recoverTheHomePage(BrowserSession browser, FailureType failure) {
        RecoveryReport report = RecoveryStrategy.defaults()
                .recover(browser, failure, BrowserFailureRecoveryJourney::homePageOpens);
        Allure.addAttachment("recovery report", "text/plain", report.describe());
        assertTrue(report.recovered(), report.describe());
        return report;
    }

    /**
     * The recovery's check: the shop's home page opens in this browser. Deliberately not a {@link ShopPages} call:
     * those are under circuit {@code shop}, and the failures of a browser broken on purpose (the shop stays up)
     * would count against the shop and open its circuit in the middle of the recovery.
     */
    private static void homePageOpens(WebDriver driver) {
        driver.get(ShopStage.baseUri().toString());
        assertEquals("Tripswitch Sample Shop", driver.getTitle());
    }
}
