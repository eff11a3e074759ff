package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitPermit;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;

import java.net.URI;

/**
 * A browser session on one Grid node, holding a permit of that node's circuit until {@link #quit()}: then the
 * node circuit records a success, or a failure when the session was lost on the way (the node died, the browser
 * crashed, the Grid forgot the session). A renderer crash ("tab crashed") is the page's failure, not the node's.
 */
public final class GridSession {

    private final WebDriver driver;
    private final RemoteWebDriver remote;
    private final URI node;
    private final CircuitBreaker nodeCircuit;
    private final CircuitPermit permit;

    GridSession(WebDriver driver, RemoteWebDriver remote, URI node, CircuitBreaker nodeCircuit, CircuitPermit permit) {
        this.driver = driver;
        this.remote = remote;
        this.node = node;
        this.nodeCircuit = nodeCircuit;
        this.permit = permit;
    }

    /**
     * The driver: the session's {@code RemoteWebDriver}, not augmented (Selenium's {@code Augmenter} costs 40 to
     * 100 ms a session; the failure injector reaches DevTools through the session's {@code se:cdp} capability
     * without it). Code that needs {@code HasDevTools} and the like calls {@code new Augmenter().augment(driver)}.
     */
    public WebDriver driver() {
        return driver;
    }

    /** The node this session runs on. */
    public URI node() {
        return node;
    }

    public CircuitBreaker nodeCircuit() {
        return nodeCircuit;
    }

    /** True when the Grid offers DevTools for this session (its {@code se:cdp} capability). */
    public boolean offersDevTools() {
        return remote.getCapabilities().getCapability("se:cdp") != null;
    }

    /** Tells the node circuit how the session ended, then quits it (whatever state it is in). */
    public void quit() {
        WebDriverException lost = lost();
        if (lost == null) {
            permit.onSuccess();
        } else {
            permit.onFailure(lost);
        }
        quitDriver();
    }

    /**
     * Quits a session that was lost on purpose (a crash injected by the test): the node is not to blame, so its
     * circuit records nothing (a probe slot is given back).
     */
    public void quitAfterInjectedLoss() {
        permit.release();
        quitDriver();
    }

    private void quitDriver() {
        try {
            remote.quit();
        } catch (WebDriverException e) {
            // the session is gone already; the node circuit has been told
        }
    }

    /** The failure that shows the session is lost, or {@code null} when it still answers. */
    private WebDriverException lost() {
        try {
            remote.getWindowHandle();
            return null;
        } catch (UnhandledAlertException | NoSuchWindowException e) {
            return null; // the browser answered
        } catch (WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("tab crashed") ? null : e;
        }
    }

    @Override
    public String toString() {
        return "GridSession[" + remote.getSessionId() + " on " + node + "]";
    }
}
