package dev.tripswitch.browser;

import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyFailures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Selenium's rows of the table, found by the service loader: browser network errors, page-load time-outs, sessions. */
class SeleniumDependencyMappingTest {

    private static final Dependency SHOP = Dependency.hostAndPort("shop", 8080);

    private static Optional<String> named(Throwable failure, Dependency target) {
        return DependencyFailures.dependencyOf(failure, target).map(Dependency::name);
    }

    @Test
    void browserNetworkErrors_nameTheNavigationsTarget() {
        for (String error : new String[] {"ERR_CONNECTION_REFUSED", "ERR_NAME_NOT_RESOLVED", "ERR_CONNECTION_RESET",
                "ERR_CONNECTION_TIMED_OUT", "ERR_EMPTY_RESPONSE", "ERR_ADDRESS_UNREACHABLE"}) {
            assertThat(named(new WebDriverException("unknown error: net::" + error + "\n  (Session info: chrome=140)"),
                    SHOP)).as(error).hasValue("shop:8080");
        }
    }

    @Test
    void firefoxsErrorPage_namesItsAddress_whenTheTargetIsNotKnown() {
        assertThat(named(new WebDriverException("Reached error page: about:neterror?e=connectionFailure"
                + "&u=http%3A//shop%3A8080/cart&c=UTF-8&d=Firefox%20can%E2%80%99t"), null)).hasValue("shop:8080");
    }

    @Test
    void aPageLoadTimeOut_namesTheTarget_andAFailedSessionTheDriver() {
        assertThat(named(new TimeoutException("timeout: Timed out receiving message from renderer"), SHOP))
                .hasValue("shop:8080");
        assertThat(named(new SessionNotCreatedException("Could not start a new session"), Dependency.driver("chrome")))
                .hasValue("driver:chrome");
        assertThat(named(new SessionNotCreatedException("Could not start a new session"), null)).isEmpty();
    }

    @Test
    void otherSeleniumFailures_areProductFailures() {
        assertThat(named(new NoSuchElementException("no such element: #cart"), SHOP)).isEmpty();
        assertThat(named(new StaleElementReferenceException("stale"), SHOP)).isEmpty();
        assertThat(named(new WebDriverException("javascript error: x is not defined"), SHOP)).isEmpty();
    }
}
