package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.TestRun;
import dev.tripswitch.browser.grid.NodeCircuitSummary;
import dev.tripswitch.spi.TestScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How this module plugs into core (dev.tripswitch.spi), without starting a browser. */
class BrowserPluginsTest {

    static class Fixture {
        @InjectBrowserFailure(type = FailureType.CRASH)
        void crashed() {
        }

        void plain() {
        }
    }

    @InjectBrowserFailure(type = FailureType.API_ERROR)
    static class AnnotatedClass {
        void plain() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name);
    }

    @AfterEach
    void noScopeLeftOnThisThread() {
        TestScope.closeOnThisThread();
    }

    @Test
    void aRun_findsTheModulesStepAndParameters_throughTheServiceLoader() throws Exception {
        TestRun run = TestRun.start();

        assertThat(run.hasBeforeBody(method(Fixture.class, "crashed"), Fixture.class)).isTrue();
        assertThat(run.hasBeforeBody(method(AnnotatedClass.class, "plain"), AnnotatedClass.class)).isTrue();
        assertThat(run.hasBeforeBody(method(Fixture.class, "plain"), Fixture.class)).isFalse();
        assertThat(run.givesParameter(BrowserSession.class)).isTrue();
        assertThat(run.givesParameter(WebDriver.class)).isTrue();
        assertThat(run.givesParameter(String.class)).isFalse();
    }

    @Test
    void currentOutsideATest_failsSayingWhereItWorks() {
        assertThatThrownBy(TestBrowser::current)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TestBrowser.current() is for a test (or its @BeforeMethod/@AfterMethod) run"
                        + " by TestNG with the Tripswitch listener")
                .hasMessageContaining("In JUnit 5, declare a BrowserSession or WebDriver parameter");
    }

    @Test
    void aScopeWhoseTestNeverUsedABrowser_closesWithoutStartingOne() {
        TestScope scope = TestScope.openOnThisThread();
        TestBrowser browser = TestBrowser.of(scope);

        assertThat(TestBrowser.of(scope)).isSameAs(browser);
        TestScope.closeOnThisThread();
        assertThat(scope.isClosed()).isTrue();
    }

    @Test
    void theRunSummary_getsOneLinePerNodeCircuit_andNoneForOtherCircuits() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().build();
        registry.circuit("shop");
        registry.circuit("browser@127.0.0.1:5555").recordFailure(new IOException("session not created"));

        assertThat(new NodeCircuitSummary().summaryLines(registry)).singleElement().asString()
                .startsWith("browser@127.0.0.1:5555: CLOSED, opened 0 time(s), 1 failure(s), 0 session(s) ended well");
    }
}
