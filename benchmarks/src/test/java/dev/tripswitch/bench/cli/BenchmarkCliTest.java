package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.grid.BrokenPart;
import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.report.OutageSetup;
import dev.tripswitch.bench.service.OrderService;
import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkCliTest {

    @Test
    void failureTypes_acceptNamesInAnyCaseWithDashes() {
        assertThat(FailureTypesConverter.parse("crash, API-ERROR,connection_failure"))
                .containsExactly(FailureType.CRASH, FailureType.API_ERROR, FailureType.CONNECTION_FAILURE);
    }

    @Test
    void unknownFailureType_isRefusedNamingFlagValueAndAllowedValues() {
        assertThatThrownBy(() -> FailureTypesConverter.parse("crash,gremlins"))
                .hasMessage("--failure-types: 'gremlins' is not a failure type; allowed: connection-failure,"
                        + " resource-exhaustion, gpu-error, api-error, timeout, crash, internal-error");
    }

    @Test
    void badFlag_exitsWithStatus2AndNamesIt() {
        Result r = run("--failure-types=gremlins");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--failure-types").contains("'gremlins'").contains("allowed: connection-failure");
        Result unknown = run("--fastest");
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err).contains("--fastest");
    }

    @Test
    void twoSizes_areRefused() {
        Result r = run("--quick", "--extreme");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--quick").contains("--extreme").contains("mutually exclusive");
    }

    @Test
    void twoBrowserChoices_areRefused() {
        assertThat(run("--chrome-only", "--edge-only").status).isEqualTo(2);
    }

    @Test
    void defaults_areQuickEveryBrowserEveryFailureType() {
        BenchmarkCli cli = parse();
        assertThat(cli.profile()).isEqualTo(Profile.QUICK);
        assertThat(cli.requestedBrowsers()).containsExactly(Browser.CHROME, Browser.FIREFOX, Browser.EDGE);
        assertThat(cli.types()).containsExactly(FailureType.values());
    }

    @Test
    void flags_selectProfileAndBrowser() {
        BenchmarkCli cli = parse("--comprehensive", "--edge-only", "--failure-types=timeout");
        assertThat(cli.profile()).isEqualTo(Profile.COMPREHENSIVE);
        assertThat(cli.requestedBrowsers()).containsExactly(Browser.EDGE);
        assertThat(cli.types()).containsExactly(FailureType.TIMEOUT);
    }

    @Test
    void gridBroken_takesDriverOrBrowserInAnyCase_andRefusesAnythingElseNamingTheValues() {
        assertThat(parse().gridBroken).isEqualTo(BrokenPart.DRIVER);
        BenchmarkCli cli = new BenchmarkCli();
        BenchmarkCli.commandLine(cli).parseArgs("--grid-broken=browser");
        assertThat(cli.gridBroken).isEqualTo(BrokenPart.BROWSER);
        Result r = run("--grid", "--grid-broken=wheel");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--grid-broken").contains("wheel").contains("DRIVER").contains("BROWSER");
    }

    @Test
    void outageChoices_defaultToTheShopSuitesTransientOutage_everyArm_andCoreDefaults() {
        BenchmarkCli cli = parse();
        assertThat(cli.outage.suite).isEqualTo("shop");
        assertThat(cli.outage.scenario).isEqualTo(OutageScenario.TRANSIENT);
        assertThat(cli.outage.serviceDown).isEqualTo(OrderService.DownMode.HANG);
        assertThat(cli.outage.arms(false, new ArrayList<>())).containsExactlyElementsOf( // dependencies: when asked
                java.util.Arrays.stream(OutageArm.values()).filter(a -> a != OutageArm.WITH_DEPENDENCY_CIRCUITS).toList());
        OutageSetup setup = cli.outage.setup();
        assertThat(setup.comparisonKey()).isEqualTo("shop/transient");
        assertThat(setup.circuit()).isEqualTo("shop-outage");
        assertThat(setup.neighbourCircuit()).isNull();
        assertThat(setup.replayBudgetMs()).isNull();
        assertThat(setup.maxWaitMs()).isNull();
        assertThat(setup.parallelThreads()).isEqualTo(1);
        assertThat(cli.outage.size(cli.profile())).isEqualTo(new OutageRunSize(Profile.QUICK.outageTests,
                Profile.QUICK.outageRuns, Profile.QUICK.downAfter, Profile.QUICK.window));
    }

    @Test
    void outageFlags_selectSuiteScenarioArmsSizesAndTheArmsSettings() {
        BenchmarkCli cli = parse("--outage-suite=SERVICE", "--outage-scenario=Parallel", "--service-down=refuse",
                "--outage-arms=without, replay-health,replay_health", "--outage-tests=40", "--outage-runs=3",
                "--replay-budget=30s", "--max-wait=PT1M", "--outage-window=20s", "--outage-down-after=500ms");
        assertThat(cli.outage.arms(false, new ArrayList<>()))
                .containsExactly(OutageArm.WITHOUT_CIRCUIT_BREAKER, OutageArm.WITH_CIRCUIT_BREAKER_REPLAY_HEALTH);
        assertThat(cli.outage.serviceDown).isEqualTo(OrderService.DownMode.REFUSE);
        assertThat(cli.outage.size(cli.profile()).tests()).isEqualTo(40);
        assertThat(cli.outage.size(cli.profile()).runs()).isEqualTo(3);
        assertThat(cli.outage.size(cli.profile()).window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cli.outage.size(cli.profile()).downAfter()).isEqualTo(Duration.ofMillis(500));
        OutageSetup setup = cli.outage.setup();
        assertThat(setup.comparisonKey()).isEqualTo("service/parallel");
        assertThat(setup.circuit()).isEqualTo("order-service");
        assertThat(setup.neighbourCircuit()).isEqualTo("order-service-neighbour");
        assertThat(setup.suiteDescription()).contains("closing its port");
        assertThat(setup.replayBudgetMs()).isEqualTo(30_000L);
        assertThat(setup.maxWaitMs()).isEqualTo(60_000L);
        assertThat(setup.parallelThreads()).isEqualTo(2);
    }

    @Test
    void badOutageValues_exitWithStatus2NamingFlagValueAndAllowedValues() {
        Result scenario = run("--outage-scenario=sometimes");
        assertThat(scenario.status).isEqualTo(2);
        assertThat(scenario.err).contains("--outage-scenario", "'sometimes'",
                "allowed: transient, never-returns, down-at-start, parallel");
        Result interval = run("--health-interval=2h");
        assertThat(interval.status).isEqualTo(2);
        assertThat(interval.err).contains("--health-interval", "'PT2H'", "allowed: more than 0 and at most 1h");
        Result suite = run("--outage-suite=grid");
        assertThat(suite.status).isEqualTo(2);
        assertThat(suite.err).contains("--outage-suite", "'grid'", "allowed: shop, service");
        Result down = run("--service-down=slow");
        assertThat(down.status).isEqualTo(2);
        assertThat(down.err).contains("--service-down", "'slow'", "allowed: refuse, hang");
        Result arms = run("--outage-arms=replay,retry");
        assertThat(arms.status).isEqualTo(2);
        assertThat(arms.err).contains("--outage-arms", "'retry'",
                "allowed: no-outage, without, skip, wait, wait-early, wait-no-health, replay, replay-health");
    }

    @Test
    void durations_takeShortFormsAndIso_withinTheSettingsRange() {
        assertThat(DurationFlag.parse("--replay-budget", "0s", true)).isZero();
        assertThat(DurationFlag.parse("--replay-budget", "90s", true)).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationFlag.parse("--replay-budget", "2m", true)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationFlag.parse("--replay-budget", "pt2m", true)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationFlag.parse("--replay-budget", "24h", true)).isEqualTo(Duration.ofHours(24));
        for (String bad : List.of("", "2", "-1s", "25h", "soon", "PT-1S")) {
            assertThatThrownBy(() -> DurationFlag.parse("--replay-budget", bad, true))
                    .hasMessage("--replay-budget: '" + bad + "' is not allowed; allowed: a duration from 0 to 24h,"
                            + " such as 500ms, 30s, 2m, 1h or PT2M");
        }
        assertThatThrownBy(() -> DurationFlag.parse("--max-wait", "0ms", false))
                .hasMessageContaining("--max-wait: '0ms' is not allowed; allowed: a duration of more than 0 to 24h");
        Result r = run("--replay-budget=forever");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--replay-budget", "'forever'", "from 0 to 24h");
        assertThat(run("--max-wait=0s").err).contains("--max-wait", "'0s'", "more than 0");
        assertThat(run("--outage-window=0s").err).contains("--outage-window", "'0s'");
    }

    @Test
    void flagsThatCannotGoTogether_orSizesOutOfRange_exitWithStatus2Saying() {
        Result both = run("--skip-outage", "--outage-only");
        assertThat(both.status).isEqualTo(2);
        assertThat(both.err).contains("--skip-outage and --outage-only exclude each other");
        Result runs = run("--outage-runs=0");
        assertThat(runs.status).isEqualTo(2);
        assertThat(runs.err).contains("--outage-runs: '0' is not allowed; allowed: 1 or more");
        Result parallel = run("--outage-scenario=parallel", "--outage-tests=9");
        assertThat(parallel.status).isEqualTo(2);
        assertThat(parallel.err).contains("--outage-tests: '9' is not allowed; allowed: 10 or more in the parallel"
                + " scenario");
        Result tests = run("--outage-tests=0");
        assertThat(tests.status).isEqualTo(2);
        assertThat(tests.err).contains("--outage-tests: '0' is not allowed; allowed: 1 or more");
        Result simulated = run("--simulate", "--outage-scenario=never-returns");
        assertThat(simulated.status).isEqualTo(2);
        assertThat(simulated.err).contains("--simulate models the shop suite's transient and down-at-start outages only");
        assertThat(run("--simulate", "--outage-suite=service").status).isEqualTo(2);
    }

    @Test
    void simulation_leavesTheReplayArmsOut_sayingWhy() {
        BenchmarkCli cli = parse("--simulate");
        List<String> notes = new ArrayList<>();
        assertThat(cli.outage.arms(true, notes)).containsExactly(OutageArm.NO_OUTAGE, OutageArm.WITHOUT_CIRCUIT_BREAKER,
                OutageArm.WITH_CIRCUIT_BREAKER, OutageArm.WITH_CIRCUIT_BREAKER_WAIT,
                OutageArm.WITH_CIRCUIT_BREAKER_WAIT_EARLY);
        assertThat(notes).containsExactly(
                "with circuit breaker, WAIT (no health check): not run, the simulation does not model waiting"
                        + " without a health check",
                "with circuit breaker, SKIP + replay: not run, the simulation does not model replay",
                "with circuit breaker, SKIP + replay + health check: not run, the simulation does not model replay");
    }

    @Test
    void rerender_ofADirectoryWithoutAReport_exitsWithStatus2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Result r = run("--rerender=" + dir);
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--rerender: '" + dir + "' holds no report.json");
    }

    @Test
    void rerender_computesTheTargetsAgainAndRewritesTheFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        java.nio.file.Path dir = root.resolve("run");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(java.nio.file.Path.of("results", "outage-real-quick-3", "report.json"),
                dir.resolve("report.json"));
        assertThat(BenchmarkCli.execute("--rerender=" + dir)).isZero();
        assertThat(dir.resolve("report.md")).content().contains("### Targets per arm, scenario `transient`");
        assertThat(dir.resolve("timeline.png")).isNotEmptyFile();
    }

    private static BenchmarkCli parse(String... args) {
        BenchmarkCli cli = new BenchmarkCli();
        BenchmarkCli.commandLine(cli).parseArgs(args);
        return cli;
    }

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = BenchmarkCli.commandLine(new BenchmarkCli());
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), err.toString());
    }
}
