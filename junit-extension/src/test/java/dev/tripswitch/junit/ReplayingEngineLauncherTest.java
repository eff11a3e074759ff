package dev.tripswitch.junit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tripswitch} engine among the others, as a build tool or an IDE runs it: through a launcher that finds
 * every engine, discovery listener and filter on the class path.
 */
class ReplayingEngineLauncherTest extends Fixtures {

    @BeforeEach
    void shopUp() {
        ReplayScenariosTest.shopUp.set(true);
        ReplayScenariosTest.bodies.set(0);
    }

    @Test
    void aPlanWithProtectedTests_isRunByTheTripswitchEngine_eachTestOnce() {
        Ran ran = launch(Map.of(), ReplayScenariosTest.Checkout.class, ReplayScenariosTest.Unprotected.class);

        assertThat(ran.summary.getTestsFoundCount()).isEqualTo(5);
        assertThat(ran.summary.getTestsSucceededCount()).isEqualTo(5);
        assertThat(ReplayScenariosTest.bodies).hasValue(5);
        assertThat(ran.finishedTests).hasSize(5).allSatisfy(id -> assertThat(id).startsWith("[engine:tripswitch]"));
    }

    @Test
    void aPlanWithoutProtectedTests_isLeftToJupiter() {
        Ran ran = launch(Map.of(), ReplayScenariosTest.Unprotected.class);

        assertThat(ran.summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(ran.finishedTests).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("[engine:junit-jupiter]"));
    }

    @Test
    void engineSwitchedOff_jupiterRunsEverything() {
        Ran ran = launch(Map.of(ReplayingEngine.ENGINE_PARAMETER, "false"), ReplayScenariosTest.Checkout.class);

        assertThat(ran.summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(ran.finishedTests).hasSize(3).allSatisfy(id -> assertThat(id).startsWith("[engine:junit-jupiter]"));
    }

    @Test
    void dryRun_runsNothing_andReplaysNothing() {
        ReplayScenariosTest.shopUp.set(false);
        Ran ran = launch(Map.of("junit.platform.execution.dryRun.enabled", "true"),
                ReplayScenariosTest.Checkout.class);

        assertThat(ran.summary.getTestsSkippedCount()).isEqualTo(3);
        assertThat(ReplayScenariosTest.bodies).hasValue(0);
        assertThat(registry.find("replay-shop")).as("no circuit was asked").isEmpty();
    }

    @Test
    void theTestsAreShownAsJupiterShowsThem_namesSourcesTagsAndTypes() {
        List<String> engineOn = shown(Map.of());
        List<String> engineOff = shown(Map.of(ReplayingEngine.ENGINE_PARAMETER, "false"));

        assertThat(engineOn).hasSize(8) // the class, the template, its three invocations, a test class, two tests
                .isEqualTo(engineOff.stream().map(line -> line.replace("[engine:junit-jupiter]", "[engine:tripswitch]"))
                        .toList());
    }

    @Test
    void jupiterFailingToRun_failsTheEngine_notSwallowed() {
        // Jupiter refuses an unknown parallel strategy when it starts running: the launcher must hear of it
        List<TestExecutionResult> engineResults = new CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ReplayScenariosTest.Checkout.class))
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "sideways")
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                        if (id.getUniqueId().equals("[engine:tripswitch]")) {
                            engineResults.add(r);
                        }
                    }
                });

        assertThat(engineResults).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(r.getThrowable()).get().satisfies(thrown ->
                    assertThat(org.assertj.core.util.Throwables.getRootCause(thrown)).hasMessageContaining("SIDEWAYS"));
        });
        assertThat(ReplayScenariosTest.bodies).hasValue(0);
    }

    /** Every node the launcher's plan shows, one line each: id, display name, legacy name, source, tags, type. */
    private static List<String> shown(Map<String, String> configuration) {
        List<String> lines = new CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ReplayScenariosTest.Parameterized.class),
                        DiscoverySelectors.selectClass(ReplayScenariosTest.Unprotected.class))
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameters(configuration)
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                        if (id.getParentId().isPresent()) {
                            lines.add(id.getUniqueId() + " | " + id.getDisplayName() + " | "
                                    + id.getLegacyReportingName() + " | " + id.getSource().orElse(null) + " | "
                                    + id.getTags() + " | " + id.getType() + " | " + r.getStatus());
                        }
                    }
                });
        return lines.stream().sorted().toList();
    }

    @Test
    void aFailuresStackTrace_isPrunedAsJupiterAloneWouldHaveIt() {
        // the engine takes its own frames out when the launcher prunes: the frames kept are the same
        List<StackTraceElement> engineOn = failureTrace(Map.of());
        List<StackTraceElement> engineOff = failureTrace(Map.of(ReplayingEngine.ENGINE_PARAMETER, "false"));

        assertThat(engineOn).isNotEmpty().isEqualTo(engineOff);
        assertThat(engineOn).extracting(StackTraceElement::getClassName).noneMatch(name ->
                name.startsWith("org.junit.platform.launcher") || name.equals(ReplayingEngine.class.getName())
                        || name.equals(ReplayForwarding.class.getName()));
    }

    private static List<StackTraceElement> failureTrace(Map<String, String> configuration) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        TestExecutionListener failed = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult r) {
                r.getThrowable().ifPresent(failures::add);
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ReplayScenariosTest.ReplayFails.class))
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameters(configuration)
                .build(), failed);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("total was 41");
        return List.of(failures.get(0).getStackTrace());
    }

    private record Ran(TestExecutionSummary summary, List<String> finishedTests) {
    }

    private static Ran launch(Map<String, String> configuration, Class<?>... classes) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<String> finished = new CopyOnWriteArrayList<>();
        TestExecutionListener tests = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult r) {
                if (id.isTest()) {
                    finished.add(id.getUniqueId());
                }
            }
        };
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .configurationParameter(FixtureOnly.ENABLED, "true")
                .configurationParameters(configuration)
                .build(), summary, tests);
        return new Ran(summary.getSummary(), finished);
    }
}
