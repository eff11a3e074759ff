package dev.tripswitch.junit;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.Replay;
import dev.tripswitch.TestRun;
import dev.tripswitch.dependency.DependencyCalls;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * The {@code tripswitch} test engine: runs the JUnit Jupiter tests of a plan that holds tests under
 * {@code @CircuitProtected}, so that tests their circuits defer ({@code whenOpen = REPLAY}) are run again later in
 * the same run, with one result each. JUnit offers no way to add a test to a running plan, so this engine takes
 * the Jupiter tests over: Jupiter discovers them under this engine's id, its descriptors become this engine's, and
 * Jupiter runs them, each event passed on except what replay must hold back; Jupiter's own copy of those tests is
 * left out of the plan ({@link JupiterHandover}). A plan with no protected test is left to Jupiter as it is.
 *
 * <p>Basic approach:
 * <ul>
 *   <li>discovery: Jupiter discovers the request's selectors (unique ids of Jupiter are translated to this
 *       engine's) under its discovery filters, with the request's configuration parameters and the run's id; its
 *       tests become this root's children, so that the launcher's filters, reports and IDEs see Jupiter's own
 *       descriptors (sources, tags, names) under {@code [engine:tripswitch]};</li>
 *   <li>execution: one {@link TestRun} for all rounds, found by the extension through a configuration
 *       parameter; the first round runs what the launcher kept; a deferred test's skip (or, for a dynamic test, its
 *       abort) is held back with the end of every container above it ({@link ReplayForwarding}); the run's
 *       {@link Replay} then names the tests whose circuit lets tests through, and each further round runs exactly
 *       those, rediscovered by unique id (their classes set up and torn down again); tests never let through end
 *       skipped with the replay's reason; the held containers end last, deepest first. Every round gets the
 *       launcher's request-level store and output directories ({@link JupiterExecution}).</li>
 * </ul>
 * Configuration parameters: {@code tripswitch.replay.engine=false} leaves every test to Jupiter (deferred tests
 * are then skipped); {@code tripswitch.replay.budget} bounds the waiting at the end of the run.
 */
public final class ReplayingEngine implements TestEngine {

    /** This engine's id. */
    public static final String ID = "tripswitch";
    /** {@code false} leaves the Jupiter tests to Jupiter. */
    public static final String ENGINE_PARAMETER = "tripswitch.replay.engine";
    /** The id of the replaying run, given to the Jupiter execution for the extension. */
    static final String RUN_PARAMETER = "tripswitch.internal.replaying-run";
    /** The launcher's switch for pruning stack traces: when on, a failure loses this engine's frames too. */
    private static final String STACK_TRACE_PRUNING = "junit.platform.stacktrace.pruning.enabled";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.tripswitch");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("tripswitch-junit5");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        ConfigurationParameters parameters = request.getConfigurationParameters();
        JUnitConfiguration.use(parameters);
        if (!parameters.getBoolean(ENGINE_PARAMETER).orElse(true)) {
            return ReplayRoot.empty(uniqueId);
        }
        Optional<TestEngine> jupiter = jupiterEngine();
        if (jupiter.isEmpty()) {
            return ReplayRoot.empty(uniqueId);
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (DiscoverySelector selector : request.getSelectorsByType(DiscoverySelector.class)) {
            if (selector instanceof UniqueIdSelector byId) {
                UniqueId id = byId.getUniqueId();
                String engine = id.getEngineId().orElse("");
                if (engine.equals(ID)) {
                    selectors.add(selector);
                } else if (engine.equals(EngineIds.JUPITER)) {
                    selectors.add(DiscoverySelectors.selectUniqueId(EngineIds.withEngine(id, ID)));
                }
            } else {
                selectors.add(selector);
            }
        }
        List<DiscoveryFilter<?>> filters = new ArrayList<>();
        for (DiscoveryFilter<?> filter : request.getFiltersByType(DiscoveryFilter.class)) {
            filters.add(filter);
        }
        String runId = UUID.randomUUID().toString();
        EngineDiscoveryRequest forJupiter = ReplayRoot.request(selectors, filters, parameters, runId);
        TestDescriptor discovered = jupiter.get().discover(forJupiter, uniqueId);
        if (!anyProtected(discovered) && !dependenciesWatched()) {
            return ReplayRoot.empty(uniqueId);
        }
        JupiterHandover.takenOver();
        return ReplayRoot.takingOver(uniqueId, jupiter.get(), discovered, forJupiter.getConfigurationParameters(),
                runId);
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener out = request.getEngineExecutionListener();
        TestDescriptor root = request.getRootTestDescriptor();
        out.executionStarted(root);
        TestExecutionResult result = TestExecutionResult.successful();
        if (root instanceof ReplayRoot replayRoot && replayRoot.tookOver() && !root.getChildren().isEmpty()) {
            try {
                result = run(replayRoot, out, request);
            } catch (RuntimeException | Error e) {
                result = TestExecutionResult.failed(e);
            }
        }
        out.executionFinished(root, result);
    }

    private static TestExecutionResult run(ReplayRoot root, EngineExecutionListener out, ExecutionRequest request) {
        ConfigurationParameters parameters = root.parameters();
        JUnitConfiguration.use(parameters);
        Duration budget = Replay.budgetFrom(key -> parameters.get(key).orElse(null), JUnitConfiguration.NAME);
        TestRun run = TestRun.startReplaying(root.runId(), budget);
        Replay replay = run.replay().orElseThrow();
        ReplayForwarding forwarding = new ReplayForwarding(root, out, replay,
                parameters.getBoolean(STACK_TRACE_PRUNING).orElse(true));
        try {
            root.jupiter().execute(JupiterExecution.request(root.firstRound(), forwarding, parameters, request));
            for (List<TestIdentity> round = replay.nextRound(); !round.isEmpty(); round = replay.nextRound()) {
                forwarding.replaying();
                List<UniqueId> ids = round.stream()
                        .map(test -> EngineIds.withEngine(UniqueId.parse(test.id()), ID)).distinct().toList();
                root.jupiter().execute(JupiterExecution.request(root.discover(ids), forwarding, parameters, request));
            }
            for (Replay.Abandoned abandoned : run.abandonDeferred()) {
                forwarding.abandon(abandoned.test().id(), abandoned.reason());
            }
            forwarding.finishHeldContainers();
            return forwarding.jupiterResult();
        } finally {
            run.end();
            PrintStream console = System.out;
            run.summaryLines().forEach(console::println);
            console.flush();
        }
    }

    /** Jupiter's engine, found on the class path once (it keeps no state between runs); empty without Jupiter. */
    private static Optional<TestEngine> jupiterEngine() {
        return JupiterEngine.FOUND;
    }

    private static final class JupiterEngine {
        static final Optional<TestEngine> FOUND = find();

        private static Optional<TestEngine> find() {
            for (TestEngine engine : ServiceLoader.load(TestEngine.class, ReplayingEngine.class.getClassLoader())) {
                if (engine.getId().equals(EngineIds.JUPITER)) {
                    return Optional.of(engine);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * True when dependency circuits are on ({@code tripswitch.dependencies=auto}): a test without
     * {@code @CircuitProtected} that one of them refuses at a call is deferred, so replay may be needed. A wrong value
     * counts as on: the tests then fail with its message, as they would under Jupiter.
     */
    private static boolean dependenciesWatched() {
        try {
            return DependencyCalls.enabled();
        } catch (CircuitConfigurationException wrong) {
            return true;
        }
    }

    /** True when some test or class Jupiter discovered is under {@code @CircuitProtected}: then replay may be needed. */
    private static boolean anyProtected(TestDescriptor jupiterRoot) {
        for (TestDescriptor node : jupiterRoot.getDescendants()) {
            TestSource source = node.getSource().orElse(null);
            try {
                if (source instanceof MethodSource m
                        && Protection.forTest(m.getJavaClass(), m.getJavaMethod()).isPresent()) {
                    return true;
                }
                if (source instanceof ClassSource c && Protection.forTestClass(c.getJavaClass()).isPresent()) {
                    return true;
                }
            } catch (RuntimeException | LinkageError notLoadable) {
                // not ours to judge: Jupiter reports it when it runs
            }
        }
        return false;
    }
}
