package dev.tripswitch.samples.demo;

import dev.tripswitch.browser.BrowserNotAvailableException;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.report.RunReports;
import dev.tripswitch.samples.junit.BrowserFailureRecoveryJourney;
import dev.tripswitch.samples.run.JUnitSuiteRunner;
import dev.tripswitch.samples.run.SuiteReport;
import dev.tripswitch.samples.run.TestNGSuiteRunner;
import dev.tripswitch.samples.shop.ShopCircuit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The error-recovery demo: runs the JUnit 5 and the TestNG sample suites (the outage story) and the JUnit 5
 * browser-failure sample (failures injected into the test's browser, then recovered) against real browsers,
 * and prints what happened, including each page-object call the open circuit refused and how long that took.
 * {@code ./run_error_recovery_demo.sh} starts it; everything is set by system properties:
 *
 * <ul>
 *   <li>{@code tripswitch.enabled} — {@code false} runs the suites with the circuit breaker off;</li>
 *   <li>{@code tripswitch.browser}, {@code tripswitch.browser.headless}, {@code tripswitch.browser.workload} —
 *       the browser, as {@link BrowserSettings#fromSystemProperties()} reads them;</li>
 *   <li>{@code allure.results.directory} — where the suites' Allure results go (emptied first);</li>
 *   <li>{@code tripswitch.samples.verbose} — {@code true} prints the stage directions, full failure messages
 *       and skip reasons.</li>
 * </ul>
 *
 * <p>Exit status: 0 when both suites ran (their failures are part of the story), 2 when the browser cannot be
 * driven here, 1 for anything else that went wrong.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run();
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("ERROR: the demo failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // browsers were quit by the suites; leftover non-daemon threads must not hold us
    }

    private static int run() throws IOException {
        boolean verbose = Boolean.getBoolean("tripswitch.samples.verbose");
        boolean circuitOn = !"false".equalsIgnoreCase(System.getProperty("tripswitch.enabled", "true"));
        BrowserSettings settings;
        try {
            settings = BrowserSettings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR: " + e.getMessage());
            return 2;
        }
        System.out.println("Tripswitch error-recovery demo");
        System.out.println("  circuit breaker: " + (circuitOn ? "ON (circuit '" + ShopCircuit.NAME + "': "
                + ShopCircuit.FAILURE_THRESHOLD + " failures open it, a probe " + ShopCircuit.HALF_OPEN_AFTER + " later)"
                : "OFF (tripswitch.enabled=false)"));
        System.out.println("  browser:         " + settings.browser().displayName()
                + (settings.headless() ? ", headless" : ", with a window")
                + (settings.workload() == null ? "" : ", workload " + settings.workload())
                + (System.getProperty("tripswitch.browser.remote", "").isBlank() ? ""
                : ", on the Selenium Grid at " + System.getProperty("tripswitch.browser.remote")));

        long start = System.nanoTime();
        try {
            System.out.println("  browser check:   " + BrowserCheck.startAndQuit(settings));
        } catch (BrowserNotAvailableException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.err.println("The demo does not switch to another browser by itself: choose one that is installed"
                    + " (--chrome).");
            return 2;
        }

        Path results = Paths.get(System.getProperty("allure.results.directory", "target/allure-results"));
        emptyDirectory(results);
        System.out.println();

        List<Supplier<SuiteReport>> suites = List.of(JUnitSuiteRunner::run, TestNGSuiteRunner::run,
                () -> JUnitSuiteRunner.run("JUnit 5, browser failures injected and recovered",
                        BrowserFailureRecoveryJourney.class, "browser"));
        List<SuiteReport> reports = DemoReport.runEach(suites, verbose, System.out);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        DemoReport.summary(reports, circuitOn, System.getProperty("tripswitch.browser.remote"), wall)
                .forEach(System.out::println);
        System.out.println("  Allure results:  " + results.toAbsolutePath().normalize());
        RunReports.lastWritten().ifPresent(report -> System.out.println("  Run report:      " + report));
        return 0;
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
    }
}
