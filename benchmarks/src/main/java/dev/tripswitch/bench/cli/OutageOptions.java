package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageRunner;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.outage.OutageSuite;
import dev.tripswitch.bench.outage.ParallelShopVisits;
import dev.tripswitch.bench.outage.ShopOutageSuite;
import dev.tripswitch.bench.outage.ShopVisitSuite;
import dev.tripswitch.bench.report.OutageSetup;
import dev.tripswitch.bench.service.OrderApiSuite;
import dev.tripswitch.bench.service.OrderService;
import dev.tripswitch.bench.service.ParallelOrderApi;
import dev.tripswitch.bench.service.ServiceOutageSuite;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outage suite's flags (a picocli mixin of {@link BenchmarkCli}): which suite, which scenario, which arms, how
 * much, and the settings of the waiting and replaying arms; what they make of it (the run's {@link OutageSetup},
 * its size, its runner).
 */
final class OutageOptions {

    /** The smallest parallel suite: one test in each of its classes. */
    static final int LEAST_PARALLEL_TESTS = 10;

    @Option(names = "--outage-only", description = "run only the outage suite (no recovery cases)")
    boolean only;

    @Option(names = "--outage-suite", paramLabel = "SUITE", converter = OutageChoices.Suite.class,
            description = "the outage suite: shop (real Chromium against the sample shop, the default) or service"
                    + " (API tests of a local order service)")
    String suite = "shop";

    @Option(names = "--outage-scenario", paramLabel = "SCENARIO", converter = OutageChoices.Scenario.class,
            description = "transient (the dependency goes down mid-run and comes back, the default), down-at-start"
                    + " (it is down when the suite starts and comes back after the window), never-returns (it stays"
                    + " down until the run, replay included, is over) or parallel (transient, the suite in parallel"
                    + " with half of its tests on a second, healthy dependency)")
    OutageScenario scenario = OutageScenario.TRANSIENT;

    @Option(names = "--outage-arms", paramLabel = "a,b", converter = OutageChoices.Arms.class,
            description = "outage arms to run (default all but dependencies): no-outage, without, skip, wait,"
                    + " wait-early, wait-no-health, replay, replay-health, dependencies (no annotation, dependency"
                    + " circuits; the shop suite's parallel scenario only)")
    List<OutageArm> arms;

    @Option(names = "--outage-runs", paramLabel = "N", description = "runs of the outage suite per arm (default:"
            + " the size's)")
    Integer runs;

    @Option(names = "--outage-tests", paramLabel = "N", description = "tests in the outage suite (default: the"
            + " size's)")
    Integer tests;

    @Option(names = "--outage-down-after", paramLabel = "DURATION", converter = DurationFlag.DownAfter.class,
            description = "the dependency goes down this long after the first test starts (default: the size's)")
    Duration downAfter;

    @Option(names = "--outage-window", paramLabel = "DURATION", converter = DurationFlag.Window.class,
            description = "and comes back after this long, unless it never returns (default: the size's)")
    Duration window;

    @Option(names = "--service-down", paramLabel = "MODE", converter = OutageChoices.ServiceDown.class,
            description = "how the service suite's dependency goes down: hang (requests never answered, each costs"
                    + " the client's timeout; the default) or refuse (its port closed)")
    OrderService.DownMode serviceDown = OrderService.DownMode.HANG;

    @Option(names = "--replay-budget", paramLabel = "DURATION", converter = DurationFlag.ReplayBudget.class,
            description = "the replay arms' tripswitch.replay.budget, 0 to 24h (default: core's, 2m)")
    Duration replayBudget;

    @Option(names = "--max-wait", paramLabel = "DURATION", converter = DurationFlag.MaxWait.class,
            description = "the WAIT arms' maxWait, more than 0 to 24h (default: core's, 2m)")
    Duration maxWait;

    @Option(names = "--health-interval", paramLabel = "DURATION", converter = DurationFlag.HealthInterval.class,
            description = "the health-check arms' healthCheckInterval, more than 0 and at most 1h (default 1s)")
    Duration healthInterval;

    /** The health-check arms' interval: the flag's, else the runner's default. */
    Duration healthInterval() {
        return healthInterval != null ? healthInterval : OutageRunner.HEALTH_CHECK_INTERVAL;
    }

    boolean service() {
        return suite.equals("service");
    }

    /** Whether the run needs a browser: not for the service suite alone. */
    boolean needsBrowser() {
        return !(only && service());
    }

    /** What the flags cannot say alone; each problem is refused like a bad value (exit status 2). */
    void validate(boolean simulate, CommandLine commandLine) {
        if (runs != null && runs < 1) {
            throw refused(commandLine, "--outage-runs: '" + runs + "' is not allowed; allowed: 1 or more");
        }
        int least = scenario.parallel() ? LEAST_PARALLEL_TESTS : 1;
        if (tests != null && tests < least) {
            throw refused(commandLine, "--outage-tests: '" + tests + "' is not allowed; allowed: " + least
                    + " or more" + (scenario.parallel() ? " in the parallel scenario (a test in each of its classes)"
                    : ""));
        }
        if (healthInterval != null && healthInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw refused(commandLine, "--health-interval: '" + healthInterval + "' is not allowed; allowed: more"
                    + " than 0 and at most 1h (healthCheckInterval's range)");
        }
        if (simulate && (!(scenario == OutageScenario.TRANSIENT || scenario == OutageScenario.DOWN_AT_START)
                || service())) {
            throw refused(commandLine, "--simulate models the shop suite's transient and down-at-start outages only;"
                    + " allowed with it: --outage-suite=shop --outage-scenario=transient|down-at-start");
        }
    }

    static CommandLine.ParameterException refused(CommandLine commandLine, String message) {
        return new CommandLine.ParameterException(commandLine, message);
    }

    /** How much of the suite to run: the flags, else {@code profile}'s. */
    OutageRunSize size(Profile profile) {
        return new OutageRunSize(tests != null ? tests : profile.outageTests, runs != null ? runs : profile.outageRuns,
                downAfter != null ? downAfter : profile.downAfter, window != null ? window : profile.window);
    }

    /**
     * The arms asked for (every arm by default); a real run leaves out the WAIT and replay arms when this core
     * cannot wait or replay yet, the simulation those it does not model; each left out with a note saying why.
     */
    List<OutageArm> arms(boolean simulate, List<String> notes) {
        List<OutageArm> out = new ArrayList<>();
        for (OutageArm a : arms == null ? java.util.Arrays.stream(OutageArm.values()).filter(OutageArm::byDefault)
                .toList() : arms) {
            String unsupported = null;
            if (simulate && !a.simulated()) {
                unsupported = a.label() + ": not run, the simulation does not model " + (a.replays() ? "replay"
                        : a.dependencyCircuits() ? "dependency circuits" : "waiting without a health check");
            } else if (!simulate && a.waits()) {
                unsupported = OutageRunner.waitUnsupportedReason(a);
                if (unsupported == null && a.earlyWarning()) {
                    unsupported = OutageRunner.earlyWarningUnsupportedReason(a);
                }
            } else if (!simulate && a.replays()) {
                unsupported = OutageRunner.replayUnsupportedReason(a);
            }
            if (unsupported == null) {
                out.add(a);
            } else {
                notes.add(unsupported);
            }
        }
        return out;
    }

    /** The outage suite's setup as the flags give it. */
    OutageSetup setup() {
        String description = service() ? ServiceOutageSuite.describe(serviceDown)
                : "real-Chromium shopping journeys (home page, product, add to cart, search) against the sample shop,"
                + " which goes down by closing its port";
        return new OutageSetup(suite, scenario.id(), description,
                service() ? OrderApiSuite.CIRCUIT : ShopVisitSuite.CIRCUIT,
                !scenario.parallel() ? null
                        : service() ? ParallelOrderApi.NEIGHBOUR_CIRCUIT : ParallelShopVisits.NEIGHBOUR_CIRCUIT,
                service() ? OrderApiSuite.FAILURE_THRESHOLD : ShopVisitSuite.FAILURE_THRESHOLD,
                healthInterval().toMillis(), replayBudget == null ? null : replayBudget.toMillis(),
                maxWait == null ? null : maxWait.toMillis(), scenario.parallel() ? OutageRunner.PARALLEL_THREADS : 1);
    }

    /** The circuits' settings in words, for the report's configuration. */
    static String circuitSettings(OutageSetup setup) {
        return setup.circuit() + ": failureThreshold " + setup.failureThreshold() + ", halfOpenAfter 2s"
                + " (recoveryTimeout 60s default); WAIT arms: whenOpen WAIT, maxWait " + (setup.maxWaitMs() == null
                ? "2 min (default)" : setup.maxWaitMs() + " ms") + ", the first with healthUrl the dependency's"
                + " health endpoint and healthCheckInterval " + setup.healthCheckIntervalMs() + " ms (asked while"
                + " CLOSED too in the early-warning arm, unhealthyThreshold 2 (default); not in the others); replay arms:"
                + " whenOpen REPLAY, tripswitch.replay.budget " + (setup.replayBudgetMs() == null ? "2 min (default)"
                : setup.replayBudgetMs() + " ms") + ", the second with the same health check";
    }

    /** Makes the suite and its runner for a real run, given the shop the run started. */
    RealRun.OutageRunnerFactory runnerFactory() {
        return (shop, size) -> {
            OutageSuite s = service() ? ServiceOutageSuite.start(serviceDown) : new ShopOutageSuite(shop);
            return new RealRun.OutageParts(s, new OutageRunner(s, scenario, size.tests(), size.downAfter(),
                    size.window(), replayBudget, maxWait, healthInterval()));
        };
    }
}
