package dev.tripswitch.testng;

import org.testng.IConfigurationListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs fixture classes with a real {@link TestNG} and keeps what TestNG reported: every test result with its
 * final status, every configuration result, the suite's summary attribute and what was printed. The Tripswitch
 * listener is not added here: TestNG loads it through the service loader, as it would for a user.
 */
final class FixtureRun {

    /** One reported test invocation, in the {@code <test>} named {@code test}. */
    record Outcome(String method, Object[] parameters, int status, Throwable throwable, boolean retried, String test) {
        boolean passed() {
            return status == ITestResult.SUCCESS;
        }

        boolean failed() {
            return status == ITestResult.FAILURE;
        }

        boolean skipped() {
            return status == ITestResult.SKIP;
        }

        String reason() {
            return throwable == null ? null : throwable.getMessage();
        }

        @Override
        public String toString() {
            return method + Arrays.toString(parameters) + " " + statusName(status) + (retried ? " (retried)" : "")
                    + (throwable == null ? "" : ": " + throwable);
        }
    }

    /** One reported configuration method. */
    record Config(String method, int status, Throwable throwable, Object leftOut) {
    }

    private static final class Collector implements ITestListener, IConfigurationListener, ISuiteListener {
        final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final Queue<Config> configs = new ConcurrentLinkedQueue<>();
        final Queue<ISuite> suites = new ConcurrentLinkedQueue<>();

        @Override
        public void onStart(ISuite suite) {
            suites.add(suite);
        }

        @Override
        public void onTestSuccess(ITestResult r) {
            add(r);
        }

        @Override
        public void onTestFailure(ITestResult r) {
            add(r);
        }

        @Override
        public void onTestSkipped(ITestResult r) {
            add(r);
        }

        @Override
        public void onTestFailedButWithinSuccessPercentage(ITestResult r) {
            add(r);
        }

        private void add(ITestResult r) {
            outcomes.add(new Outcome(r.getMethod().getMethodName(), r.getParameters(), r.getStatus(), r.getThrowable(),
                    r.wasRetried(), r.getTestContext().getName()));
        }

        @Override
        public void onConfigurationSuccess(ITestResult r) {
            configs.add(new Config(r.getMethod().getMethodName(), r.getStatus(), r.getThrowable(),
                    r.getAttribute(LeftOutConfigurations.ATTRIBUTE)));
        }

        @Override
        public void onConfigurationFailure(ITestResult r) {
            configs.add(new Config(r.getMethod().getMethodName(), r.getStatus(), r.getThrowable(),
                    r.getAttribute(LeftOutConfigurations.ATTRIBUTE)));
        }

        @Override
        public void onConfigurationSkip(ITestResult r) {
            configs.add(new Config(r.getMethod().getMethodName(), r.getStatus(), r.getThrowable(),
                    r.getAttribute(LeftOutConfigurations.ATTRIBUTE)));
        }
    }

    final List<Outcome> outcomes;
    final List<Config> configs;
    final List<String> summary;
    final String printed;
    /** The {@code <test>}s of the suites as they ran, replay copies included. */
    final List<String> tests;
    final List<XmlTest> xmlTests;

    private FixtureRun(Collector c, String printed) {
        this.outcomes = List.copyOf(c.outcomes);
        this.configs = List.copyOf(c.configs);
        List<String> lines = new ArrayList<>();
        for (ISuite s : c.suites) {
            @SuppressWarnings("unchecked")
            List<String> l = (List<String>) s.getAttribute(CircuitBreakerListener.SUMMARY);
            if (l != null) {
                lines.addAll(l);
            }
        }
        this.summary = List.copyOf(lines);
        this.printed = printed;
        this.xmlTests = c.suites.stream().flatMap(s -> s.getXmlSuite().getTests().stream()).toList();
        this.tests = xmlTests.stream().map(XmlTest::getName).toList();
    }

    /** Runs {@code classes} in one suite, in the given order, one at a time. */
    static FixtureRun of(Class<?>... classes) {
        return of(suite -> { }, classes);
    }

    /** Runs {@code classes} in one suite after {@code customize} adjusted it (parallel mode, policies). */
    static FixtureRun of(Consumer<XmlSuite> customize, Class<?>... classes) {
        return run(customize, tng -> { }, classes);
    }

    /**
     * Like {@link #of(Consumer, Class[])}, with the listener's replay copies planned as a user's suite gets them
     * ({@code tripswitch.replay.rounds} left to its default unless {@code customize} sets it).
     */
    static FixtureRun replaying(Consumer<XmlSuite> customize, Class<?>... classes) {
        return run(customize, tng -> { }, true, classes);
    }

    static FixtureRun replaying(Class<?>... classes) {
        return replaying(suite -> { }, classes);
    }

    static FixtureRun run(Consumer<XmlSuite> customize, Consumer<TestNG> adjust, Class<?>... classes) {
        return run(customize, adjust, false, classes);
    }

    /**
     * Runs the suite; without {@code replay}, {@code tripswitch.replay.rounds} is 0 unless {@code customize} sets it:
     * a circuit that says REPLAY (the default) then refuses as SKIP does, and no replay copy waits on the scenario's
     * controllable clock, which only the scenario moves.
     */
    private static FixtureRun run(Consumer<XmlSuite> customize, Consumer<TestNG> adjust, boolean replay,
            Class<?>... classes) {
        XmlSuite suite = new XmlSuite();
        suite.setName("fixture suite");
        XmlTest test = new XmlTest(suite);
        test.setName("fixture test");
        test.setPreserveOrder(true);
        List<XmlClass> xmlClasses = new ArrayList<>();
        for (Class<?> c : classes) {
            xmlClasses.add(new XmlClass(c));
        }
        test.setXmlClasses(xmlClasses);
        customize.accept(suite);
        if (!replay) {
            Map<String, String> parameters = new HashMap<>(suite.getParameters());
            parameters.putIfAbsent("tripswitch.replay.rounds", "0");
            suite.setParameters(parameters);
        }

        Collector collector = new Collector();
        TestNG tng = new TestNG();
        tng.setUseDefaultListeners(false);
        tng.setVerbose(0);
        tng.setOutputDirectory("target/testng-fixture-output");
        tng.setXmlSuites(List.of(suite));
        tng.addListener(collector);
        adjust.accept(tng);

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            tng.run();
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return new FixtureRun(collector, printed);
    }

    List<Outcome> where(Predicate<Outcome> p) {
        return outcomes.stream().filter(p).toList();
    }

    long passed() {
        return where(Outcome::passed).size();
    }

    long failed() {
        return where(Outcome::failed).size();
    }

    long skipped() {
        return where(Outcome::skipped).size();
    }

    /** The results that count in TestNG's reports: all but those marked retried (superseded by a later run). */
    List<Outcome> finalOutcomes() {
        return where(o -> !o.retried());
    }

    /** Final status names in the order TestNG reported them, e.g. {@code [t1 FAILURE, t2 SUCCESS]}. */
    List<String> finalStatuses() {
        return finalOutcomes().stream().map(o -> o.method() + Arrays.toString(o.parameters()).replace("[]", "") + " "
                + statusName(o.status())).toList();
    }

    /** Status names in the order TestNG reported them, e.g. {@code [t1 FAILURE, t2 SKIP]}. */
    List<String> statuses() {
        return outcomes.stream().map(o -> o.method() + " " + statusName(o.status())).toList();
    }

    static String statusName(int status) {
        return switch (status) {
            case ITestResult.SUCCESS -> "SUCCESS";
            case ITestResult.FAILURE -> "FAILURE";
            case ITestResult.SKIP -> "SKIP";
            default -> "STATUS " + status;
        };
    }
}
