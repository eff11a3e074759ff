package dev.tripswitch.samples.story;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.samples.run.SuiteReport;
import dev.tripswitch.samples.shop.RefusedCalls;
import dev.tripswitch.samples.shop.ShopCircuit;
import dev.tripswitch.samples.run.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.regex.Pattern;

import static dev.tripswitch.samples.run.TestRecord.Status.FAILED;
import static dev.tripswitch.samples.run.TestRecord.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage story, as both sample suites must tell it, checked from the outside: the suite is run once, with
 * real headless Chromium, and every outcome, the circuit and the Allure results are compared with the story.
 * A regression in the circuit breaker, its JUnit or TestNG integration or the Allure adapter breaks one of
 * these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutageStoryContract {

    /** The skip reason of every test refused while the shop is down. */
    static final Pattern OPEN_CIRCUIT_REASON = Pattern.compile("circuit 'shop' is OPEN since \\S+Z after 3 consecutive"
            + " failures; last failure: org\\.openqa\\.selenium\\.WebDriverException: unknown error:"
            + " net::ERR_CONNECTION_REFUSED; next probe at \\S+Z");

    SuiteReport report;

    /** Runs the suite under test. */
    abstract SuiteReport runSuite();

    /** The package of the suite's classes (its Allure results are found by it). */
    abstract String suitePackage();

    /** The test class of act 1 (healthy), act 2 (down) and act 3 (back), as {@link TestRecord#shortName()} prints it. */
    abstract List<String> acts();

    @BeforeAll
    void runTheSuiteOnce() {
        report = runSuite();
    }

    private List<String> expectedStory() {
        String healthy = acts().get(0) + ".";
        String down = acts().get(1) + ".";
        String back = acts().get(2) + ".";
        return List.of(
                healthy + "homePageListsThreeProducts PASSED",
                healthy + "productPageShowsThePrice PASSED",
                healthy + "searchFindsTheVoltageTester PASSED",
                down + "homePageListsThreeProducts FAILED",
                down + "productPageShowsThePrice FAILED",
                down + "searchFindsTheVoltageTester FAILED",
                down + "addToCartFillsTheCart SKIPPED",
                down + "productLinkOpensTheProduct SKIPPED",
                down + "unknownProductIsNotFound SKIPPED",
                back + "homePageListsThreeProducts PASSED",
                back + "addToCartFillsTheCart PASSED",
                back + "productLinkOpensTheProduct PASSED",
                back + "unknownProductIsNotFound PASSED");
    }

    @Test
    void everyTest_endsAsTheStorySays_inOrder() {
        assertThat(report.tests()).extracting(t -> t.shortName() + " " + t.status())
                .containsExactlyElementsOf(expectedStory());
    }

    @Test
    void theFailuresThatOpenedTheCircuit_areConnectionRefusedInTheBrowser() {
        assertThat(report.tests()).filteredOn(t -> t.status() == FAILED).hasSize(3)
                .allSatisfy(t -> assertThat(t.message())
                        .startsWith("org.openqa.selenium.WebDriverException: unknown error: net::ERR_CONNECTION_REFUSED"));
    }

    @Test
    void theTestsAfterTheThreshold_areSkippedWithTheOpenCircuitsReason() {
        assertThat(report.tests()).filteredOn(t -> t.status() == SKIPPED).hasSize(3)
                .allSatisfy(t -> assertThat(t.message()).matches(OPEN_CIRCUIT_REASON));
    }

    @Test
    void thePageObjectCalledWhileTheShopIsDown_isRefusedWithTheCircuitsReason_andItsTestIsSkippedWithIt() {
        assertThat(report.refusedCalls()).hasSize(1);
        RefusedCalls.Refusal refused = report.refusedCalls().get(0);
        System.out.println("[" + getClass().getSimpleName() + "] " + refused.describe());
        assertThat(refused.call()).isEqualTo("ShopPages.unknownProductIsNotFound");
        assertThat(refused.refusal()).isInstanceOf(CircuitOpenException.class)
                .hasMessageMatching(OPEN_CIRCUIT_REASON.pattern());
        assertThat(refused.refusal().snapshot().name()).isEqualTo(ShopCircuit.NAME);
        assertThat(refused.refusal().snapshot().state()).isEqualTo(CircuitState.OPEN);
        // the test around it is not under the circuit itself: it is skipped with the refusal's reason, not failed
        assertThat(report.tests()).filteredOn(t -> t.shortName().equals(acts().get(1) + ".unknownProductIsNotFound"))
                .singleElement().satisfies(t -> {
                    assertThat(t.status()).isEqualTo(SKIPPED);
                    assertThat(t.message()).isEqualTo(refused.refusal().getMessage());
                });
    }

    @Test
    void theCircuit_openedOnce_andIsClosedAtTheEnd() {
        assertThat(report.circuit()).isPresent();
        CircuitSnapshot c = report.circuit().get();
        assertThat(c.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(c.timesOpened()).isEqualTo(1);
        assertThat(c.totalFailures()).isEqualTo(3);
        // two tests refused before they started, one page-object call refused inside the third
        assertThat(c.totalRejected()).isEqualTo(3);
        // each test that ran counts once: its page-object calls ride on the test's permit
        assertThat(c.totalSuccesses()).isEqualTo(7);
        assertThat(c.transitions()).extracting(t -> t.from() + "->" + t.to())
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void allure_recordsEveryTestOnce() {
        List<AllureResults.Result> results = AllureResults.of(suitePackage());
        assertThat(results).extracting(AllureResults.Result::fullName).doesNotHaveDuplicates().hasSize(13);
        assertThat(results).extracting(AllureResults.Result::status)
                .containsOnly("passed", "broken", "skipped");
        assertThat(results.stream().filter(r -> r.status().equals("passed")).count()).isEqualTo(7);
        assertThat(results.stream().filter(r -> r.status().equals("broken")).count()).isEqualTo(3);
        assertThat(results.stream().filter(r -> r.status().equals("skipped")).count()).isEqualTo(3);
    }

    @Test
    void allure_skippedTests_carryTheCircuitLabelAndReason() throws Exception {
        List<AllureResults.Result> skipped = AllureResults.of(suitePackage()).stream()
                .filter(r -> r.status().equals("skipped")).toList();
        assertThat(skipped).hasSize(3).allSatisfy(r -> assertThat(r.message()).as(r.fullName())
                .matches(OPEN_CIRCUIT_REASON));
        // the circuit's labels and attachment are for tests under the circuit, refused before they started; the
        // act's last test is not under it (only its page object is), so it has the reason and no circuit labels
        List<AllureResults.Result> refusedAtTheStart = skipped.stream()
                .filter(r -> !r.fullName().endsWith("." + acts().get(1) + ".unknownProductIsNotFound")).toList();
        assertThat(refusedAtTheStart).hasSize(2);
        for (AllureResults.Result r : refusedAtTheStart) {
            assertThat(r.label("circuit")).as(r.fullName()).contains("shop");
            assertThat(r.label("skippedByCircuit")).as(r.fullName()).contains("true");
            assertThat(r.label("circuitState")).as(r.fullName()).contains("OPEN");
            assertThat(r.message()).as(r.fullName()).matches(OPEN_CIRCUIT_REASON);
            assertThat(r.attachmentContent("circuit-breaker.json")).contains("\"state\": \"OPEN\"");
        }
    }

    @Test
    void allure_protectedTestsThatRan_carryTheCircuitAttachmentAndOutcome() throws Exception {
        List<AllureResults.Result> ran = AllureResults.of(suitePackage()).stream()
                .filter(r -> !r.status().equals("skipped")).toList();
        assertThat(ran).hasSize(10);
        for (AllureResults.Result r : ran) {
            assertThat(r.label("circuit")).as(r.fullName()).contains("shop");
            assertThat(r.attachmentNames()).as(r.fullName()).containsOnlyOnce("circuit-breaker.json");
            assertThat(r.label("circuitOutcome")).as(r.fullName())
                    .contains(r.status().equals("passed") ? "PASSED" : "FAILED_COUNTED");
            if (r.status().equals("broken")) {
                assertThat(r.trace()).contains("[tripswitch] this failure counted against circuit 'shop'");
            }
        }
    }

    @Test
    void allure_theFirstTestAfterTheOutage_isMarkedAsTheProbe() {
        assertThat(AllureResults.of(suitePackage()))
                .filteredOn(r -> r.label("circuitProbe").isPresent())
                .extracting(AllureResults.Result::fullName)
                .containsExactly(suitePackage() + "." + acts().get(2) + ".homePageListsThreeProducts");
    }

    @Test
    void allure_categoriesAndEnvironment_describeTheCircuit() throws Exception {
        assertThat(AllureResults.read("categories.json")).contains("Skipped: circuit open")
                .contains("Infrastructure failure (tripped the circuit)");
        assertThat(AllureResults.read("environment.properties"))
                .contains("tripswitch.circuit.shop.failureThreshold=3")
                .contains("tripswitch.circuit.shop.halfOpenAfter=" + ShopCircuit.HALF_OPEN_AFTER);
    }
}
