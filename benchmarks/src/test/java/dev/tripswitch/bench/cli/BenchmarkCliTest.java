package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.grid.BrokenPart;
import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    private static BenchmarkCli parse(String... args) {
        BenchmarkCli cli = new BenchmarkCli();
        new CommandLine(cli).parseArgs(args);
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
