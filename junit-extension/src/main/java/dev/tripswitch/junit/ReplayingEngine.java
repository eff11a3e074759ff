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
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code tripswitch} test engine: runs the JUnit Jupiter tests of a plan that holds tests under
 * {@code @CircuitProtected}, so that tests their circuits defer ({@code whenOpen = REPLAY}) are run again later in
 * the same run, with one result each. JUnit offers no way to add a test to a running plan, so this engine takes
 * the Jupiter tests over: it discovers them with Jupiter (through a launcher of its own that knows only Jupiter),
 * mirrors them as its own tests, and runs them through Jupiter, passing each event on, except what replay must
 * hold back; Jupiter's own copy of those tests is left out of the plan ({@link JupiterHandover}). A plan with no
 * protected test is left to Jupiter as it is.
 *
 * <p>Basic approach:
 * <ul>
 *   <li>discovery: Jupiter discovers the request's selectors (unique ids of this engine are translated to
 *       Jupiter's) under its discovery filters; the tests are mirrored, with their sources and tags, under
 *       {@code [engine:tripswitch]}, so reports and IDEs see the same classes and methods;</li>
 *   <li>execution: one {@link TestRun} for all rounds, found by the extension through a configuration
 *       parameter; the first round runs the plan; a deferred test's skip (or, for a dynamic test, its abort) is
 *       held back with the end of every container above it ({@link ReplayForwarding}); the run's {@link Replay}
 *       then names the tests whose circuit lets tests through, and each further round runs exactly those,
 *       selected by unique id (their classes set up and torn down again); tests never let through end skipped
 *       with the replay's reason; the held containers end last, deepest first.</li>
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

    /**
     * Off for the inner launcher: the launcher that runs this engine prunes the stack traces of its results (the
     * mirrors have Jupiter's sources, so it keeps the same frames), and pruning them twice costs every test.
     */
    static final String STACK_TRACE_PRUNING = "junit.platform.stacktrace.pruning.enabled";

    private static final String JUPITER = "junit-jupiter";

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
            return new ReplayRoot(uniqueId, null, null, null);
        }
        Optional<TestEngine> jupiter = jupiterEngine();
        if (jupiter.isEmpty()) {
            return new ReplayRoot(uniqueId, null, null, null);
        }
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(jupiter.get())
                .build());
        String runId = UUID.randomUUID().toString();
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (DiscoverySelector selector : request.getSelectorsByType(DiscoverySelector.class)) {
            if (selector instanceof UniqueIdSelector byId) {
                UniqueId id = byId.getUniqueId();
                String engine = id.getEngineId().orElse("");
                if (engine.equals(ID)) {
                    selectors.add(DiscoverySelectors.selectUniqueId(Mirror.toJupiter(id)));
                } else if (engine.equals(JUPITER)) {
                    selectors.add(selector);
                }
            } else {
                selectors.add(selector);
            }
        }
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .parentConfigurationParameters(parameters)
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(RUN_PARAMETER, runId)
                .configurationParameter(STACK_TRACE_PRUNING, "false");
        for (DiscoveryFilter<?> filter : request.getFiltersByType(DiscoveryFilter.class)) {
            builder.filters(filter);
        }
        TestPlan plan = launcher.discover(builder.build());
        if (!anyProtected(plan) && !dependenciesWatched()) {
            return new ReplayRoot(uniqueId, null, null, null);
        }
        ReplayRoot root = new ReplayRoot(uniqueId, launcher, parameters, runId);
        root.mirror(plan);
        JupiterHandover.takenOver();
        return root;
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener out = request.getEngineExecutionListener();
        TestDescriptor root = request.getRootTestDescriptor();
        out.executionStarted(root);
        if (root instanceof ReplayRoot replayRoot && replayRoot.launcher() != null && !root.getChildren().isEmpty()) {
            try {
                run(replayRoot, out, request.getConfigurationParameters());
            } catch (RuntimeException | Error e) {
                out.executionFinished(root, TestExecutionResult.failed(e));
                return;
            }
        }
        out.executionFinished(root, TestExecutionResult.successful());
    }

    private static void run(ReplayRoot root, EngineExecutionListener out, ConfigurationParameters parameters) {
        JUnitConfiguration.use(parameters);
        Duration budget = Replay.budgetFrom(key -> parameters.get(key).orElse(null), "JUnit configuration parameter");
        TestRun run = TestRun.startReplaying(root.runId(), budget);
        Replay replay = run.replay().orElseThrow();
        ReplayForwarding forwarding = new ReplayForwarding(root, out, replay);
        try {
            root.launcher().execute(root.planToRun(), forwarding);
            for (List<TestIdentity> round = replay.nextRound(); !round.isEmpty(); round = replay.nextRound()) {
                Set<String> ids = round.stream().map(TestIdentity::id).collect(Collectors.toSet());
                root.launcher().execute(root.plan(ids), forwarding);
            }
            for (Replay.Abandoned abandoned : run.abandonDeferred()) {
                forwarding.abandon(abandoned.test().id(), abandoned.reason());
            }
            forwarding.finishHeldContainers();
        } finally {
            run.end();
            PrintStream console = System.out;
            run.summaryLines().forEach(console::println);
            console.flush();
        }
    }

    private static Optional<TestEngine> jupiterEngine() {
        for (TestEngine engine : ServiceLoader.load(TestEngine.class, ReplayingEngine.class.getClassLoader())) {
            if (engine.getId().equals(JUPITER)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
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

    /** True when some test or class of the plan is under {@code @CircuitProtected}: then replay may be needed. */
    private static boolean anyProtected(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier node : plan.getDescendants(root)) {
                Optional<?> source = node.getSource();
                try {
                    if (source.orElse(null) instanceof MethodSource m
                            && Protection.forTest(m.getJavaClass(), m.getJavaMethod()).isPresent()) {
                        return true;
                    }
                    if (source.orElse(null) instanceof ClassSource c
                            && Protection.forTestClass(c.getJavaClass()).isPresent()) {
                        return true;
                    }
                } catch (RuntimeException | LinkageError notLoadable) {
                    // not ours to judge: Jupiter reports it when it runs
                }
            }
        }
        return false;
    }
}
