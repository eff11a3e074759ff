package dev.tripswitch.allure;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a real AllureLifecycle writing to a temporary directory, in the orders allure-junit5 and
 * allure-testng use, with Tripswitch's events in between, and reads what lands on disk.
 */
class CircuitResultEnricherTest {

    @TempDir
    Path results;
    private AllureLifecycle previous;
    private ResultsDirectoryForTests resultsDirectory;
    private final ProtectedTestEvents events = ProtectedTestEvents.global();
    private final CircuitBreaker circuit = CircuitBreaker.of("browser",
            CircuitBreakerConfig.custom().failureThreshold(2).build());
    private final TestIdentity test = new TestIdentity("junit", "shop.CheckoutTest", "paysByCard", "paysByCard()");

    @BeforeEach
    void useTemporaryResults() {
        resultsDirectory = ResultsDirectoryForTests.use(results);
        previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(results)));
    }

    @AfterEach
    void restore() {
        Allure.setLifecycle(previous);
        resultsDirectory.restore();
    }

    private String runTest(Runnable duringTest, Status status, StatusDetails details) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("paysByCard")
                .setFullName("shop.CheckoutTest.paysByCard"));
        lifecycle.startTestCase(uuid);
        duringTest.run();
        lifecycle.updateTestCase(uuid, r -> r.setStatus(status).setStatusDetails(details));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
        return uuid;
    }

    private String resultJson(String uuid) throws IOException {
        return Files.readString(results.resolve(uuid + "-result.json"), StandardCharsets.UTF_8);
    }

    private String onlyAttachmentContent() throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            List<Path> attachments = files.filter(p -> p.getFileName().toString().endsWith("-attachment.json")).toList();
            assertThat(attachments).hasSize(1);
            return Files.readString(attachments.get(0), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAdmittedTest_getsCircuitLabelsAndTheSnapshotAttachment() throws Exception {
        events.admitted(test, circuit.snapshot(), false); // JUnit asks before Allure starts the test case
        String uuid = runTest(() -> {
            CircuitPermit p = circuit.acquirePermission();
            p.onSuccess();
            events.finished(test, Outcome.PASSED, null, circuit.snapshot());
        }, Status.PASSED, null);
        String json = resultJson(uuid);
        assertThat(json).contains("\"name\":\"circuit\",\"value\":\"browser\"")
                .contains("\"name\":\"circuitState\",\"value\":\"CLOSED\"")
                .contains("\"name\":\"circuitOutcome\",\"value\":\"PASSED\"")
                .contains("\"name\":\"circuit-breaker.json\"");
        assertThat(onlyAttachmentContent()).contains("\"state\": \"CLOSED\"").contains("\"totalSuccesses\": 1");
    }

    @Test
    void aTestRefusedInsideByProtectedCode_isLabelledSkippedByCircuit() throws Exception {
        events.admitted(test, circuit.snapshot(), false);
        String uuid = runTest(() -> events.finished(test, Outcome.SKIPPED_BY_CIRCUIT,
                new dev.tripswitch.CircuitOpenException(circuit.snapshot()), circuit.snapshot()), Status.SKIPPED, null);
        assertThat(resultJson(uuid)).contains("\"name\":\"circuitOutcome\",\"value\":\"SKIPPED_BY_CIRCUIT\"")
                .contains("\"name\":\"skippedByCircuit\",\"value\":\"true\"");
    }

    @Test
    void anOutcomeHeardAfterAllureWroteTheResult_isAddedToTheWrittenResult() throws Exception {
        // allure-testng may hear of the test's end (and write its result) before Tripswitch's listener does
        events.admitted(test, circuit.snapshot(), false);
        String uuid = runTest(() -> { }, Status.BROKEN,
                new StatusDetails().setMessage("connection refused").setTrace("java.io.IOException"));
        circuit.recordFailure(new IOException("connection refused"));
        events.finished(test, Outcome.FAILED_COUNTED, new IOException("connection refused"), circuit.snapshot());

        assertThat(resultJson(uuid)).contains("\"name\":\"circuitState\",\"value\":\"CLOSED\"")
                .contains("\"name\":\"circuitOutcome\",\"value\":\"FAILED_COUNTED\"")
                .contains("\"name\":\"circuit-breaker.json\"")
                .contains("[tripswitch] this failure counted against circuit 'browser'");
        assertThat(onlyAttachmentContent()).contains("\"failureCount\": 1");
    }

    @Test
    void aTestSkippedByTheCircuit_carriesTheReasonLabelAndSnapshot() throws Exception {
        circuit.recordFailure(new IOException("grid down"));
        circuit.recordFailure(new IOException("grid down"));
        String reason = circuit.snapshot().describe();
        events.refused(test, circuit.snapshot(), reason);
        String uuid = runTest(() -> { }, Status.SKIPPED, new StatusDetails().setMessage(reason));
        assertThat(resultJson(uuid)).contains("\"name\":\"skippedByCircuit\",\"value\":\"true\"")
                .contains("\"name\":\"circuitState\",\"value\":\"OPEN\"")
                .contains("circuit 'browser' is OPEN since");
        assertThat(onlyAttachmentContent()).contains("\"state\": \"OPEN\"").contains("\"failureCount\": 2");
    }

    @Test
    void aFailureThatCounted_isMarkedForItsCategory_theMessageIsUntouched() throws Exception {
        events.admitted(test, circuit.snapshot(), false);
        String uuid = runTest(() -> {
            circuit.recordFailure(new IOException("session not created"));
            events.finished(test, Outcome.FAILED_COUNTED, new IOException("session not created"), circuit.snapshot());
        }, Status.BROKEN, new StatusDetails().setMessage("session not created").setTrace("java.io.IOException"));
        assertThat(resultJson(uuid)).contains("\"message\":\"session not created\"")
                .contains("[tripswitch] this failure counted against circuit 'browser'");
    }

    @Test
    void aNote_becomesAStepWithItsDetails() throws Exception {
        events.admitted(test, circuit.snapshot(), false);
        String uuid = runTest(() -> events.note(test, "Injected CRASH (SEVERE)", true, "{\"tookEffect\":true}"),
                Status.PASSED, null);
        assertThat(resultJson(uuid)).contains("\"name\":\"Injected CRASH (SEVERE)\"").contains("\"status\":\"passed\"");
    }

    @Test
    void dataOfAnotherTest_isNotPutIntoThisResult() throws Exception {
        events.admitted(new TestIdentity("junit", "other.Test", "x", "x()"), circuit.snapshot(), false);
        String uuid = runTest(() -> { }, Status.PASSED, null);
        assertThat(resultJson(uuid)).doesNotContain("\"name\":\"circuit\"");
    }

    @Test
    void categoriesAndEnvironment_areMergedWithTheUsersOwn() throws Exception {
        Files.writeString(results.resolve("categories.json"),
                "[{\"name\": \"Flaky login\", \"messageRegex\": \".*login.*\"}]");
        Files.writeString(results.resolve("environment.properties"), "Browser=Chromium 156\n");
        events.admitted(test, circuit.snapshot(), false);
        String categories = Files.readString(results.resolve("categories.json"));
        assertThat(categories).contains("Flaky login").contains(AllureResultsFiles.SKIPPED_CATEGORY)
                .contains(AllureResultsFiles.INFRA_CATEGORY);
        assertThat(categories.indexOf("Flaky login")).isLessThan(categories.indexOf(AllureResultsFiles.SKIPPED_CATEGORY));
        assertThat(Files.readAllLines(results.resolve("environment.properties")))
                .startsWith("Browser=Chromium 156")
                .contains("tripswitch.circuit.browser.failureThreshold=5", "tripswitch.circuit.browser.halfOpenAfter=30s");
    }

    @Test
    void aDependencyCircuit_getsItsOwnCategory_matchingItsCountedFailuresAndItsSkips() throws Exception {
        AllureResultsFiles.forgetForTests();
        Files.writeString(results.resolve("categories.json"),
                "[{\"name\": \"Flaky login\", \"messageRegex\": \".*login.*\"}]");
        CircuitBreaker shop = CircuitBreaker.of("dep:shop.internal:8080",
                CircuitBreakerConfig.custom().failureThreshold(1).build());
        java.net.ConnectException refused = new java.net.ConnectException("Connection refused");
        shop.recordFailure(refused);
        // no admission: a test without @CircuitProtected is heard of first when it ends
        TestIdentity unannotated = new TestIdentity("junit", "shop.CheckoutTest", "paysByCard", "paysByCard() #2");
        String uuid = runTest(() -> events.finished(unannotated, Outcome.FAILED_COUNTED, refused, shop.snapshot()),
                Status.BROKEN, new StatusDetails().setMessage("Connection refused").setTrace("java.net.ConnectException"));

        String categories = Files.readString(results.resolve("categories.json"));
        String name = AllureResultsFiles.dependencyCategory("shop.internal:8080");
        assertThat(name).isEqualTo("Infrastructure: shop.internal:8080 down");
        assertThat(categories.indexOf("Flaky login")).isLessThan(categories.indexOf(name));
        assertThat(categories.indexOf(name)).isLessThan(categories.indexOf(AllureResultsFiles.SKIPPED_CATEGORY));
        com.fasterxml.jackson.databind.JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(categories); // still JSON Allure can read
        List<com.fasterxml.jackson.databind.JsonNode> ours = new java.util.ArrayList<>();
        all.forEach(c -> {
            if (c.get("name").asText().equals(name)) {
                ours.add(c);
            }
        });
        assertThat(ours).hasSize(2);
        String trace = ours.get(0).get("traceRegex").asText();
        String message = ours.get(1).get("messageRegex").asText();
        String written = resultJson(uuid);
        assertThat(written).contains("[tripswitch] this failure counted against circuit 'dep:shop.internal:8080'");
        assertThat(java.util.regex.Pattern.compile(trace).matcher("java.net.ConnectException\n"
                + "[tripswitch] this failure counted against circuit 'dep:shop.internal:8080'").matches()).isTrue();
        assertThat(java.util.regex.Pattern.compile(trace).matcher("java.net.ConnectException\n"
                + "[tripswitch] this failure counted against circuit 'dep:shopXinternal:8080'").matches()).isFalse();
        assertThat(java.util.regex.Pattern.compile(message).matcher("circuit 'dep:shop.internal:8080' is OPEN since"
                + " 2026-01-01T00:00:00Z").matches()).isTrue();

        AllureResultsFiles.mergeDependencyCategory(results.resolve("categories.json"), "shop.internal:8080");
        assertThat(Files.readString(results.resolve("categories.json"))).isEqualTo(categories); // once
    }
}
