package dev.tripswitch.samples.story;

import dev.tripswitch.samples.junit.BrowserFailureRecoveryJourney;
import dev.tripswitch.samples.run.JUnitSuiteRunner;
import dev.tripswitch.samples.run.SuiteReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser-failure sample ({@link BrowserFailureRecoveryJourney}): real failures injected into the test's
 * browser are recovered, and the report shows what was injected and how it was recovered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserRecoveryStoryTest {

    private SuiteReport report;

    @BeforeAll
    void runTheSampleOnce() {
        report = JUnitSuiteRunner.run("JUnit 5, browser failures", BrowserFailureRecoveryJourney.class, "browser");
    }

    @Test
    void bothInjectedFailures_areRecovered() {
        assertThat(report.tests()).extracting(t -> t.shortName() + " " + t.status() + " " + t.message())
                .containsExactly(
                        "BrowserFailureRecoveryJourney.aCrashedTab_isReplacedByReloading PASSED null",
                        "BrowserFailureRecoveryJourney.aBrowserCutOffTheNetwork_isRestarted PASSED null");
    }

    @Test
    void eachCrashOrSevereInjection_recordsOneFailure_andEachPassingTestResetsTheCount() {
        assertThat(report.circuit()).hasValueSatisfying(c -> {
            assertThat(c.totalFailures()).isEqualTo(2);
            assertThat(c.totalSuccesses()).isEqualTo(2);
            assertThat(c.timesOpened()).isZero();
            assertThat(c.state()).isEqualTo(dev.tripswitch.CircuitState.CLOSED);
        });
    }

    @Test
    void allure_showsEachInjectionAsAStep_andTheRecoveryReportAsAnAttachment() {
        List<AllureResults.Result> results = AllureResults.of(BrowserFailureRecoveryJourney.class.getName());
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("passed");
            assertThat(r.attachmentNames()).contains("recovery report", "circuit-breaker.json");
        });
        assertThat(results.stream().map(r -> r.json().path("steps").toString()).toList())
                .anySatisfy(steps -> assertThat(steps).contains("Injected CRASH/MODERATE (verified)"))
                .anySatisfy(steps -> assertThat(steps).contains("Injected CONNECTION_FAILURE/SEVERE (verified)"));
    }
}
