package dev.tripswitch.testng;


import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.DataProvider;
import org.testng.xml.XmlSuite;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of protected tests on several threads: every test is accounted for exactly once, nothing refused
 * runs, and the circuit's own totals agree with what TestNG reported.
 */
class ParallelRunTest extends WithTestRegistry {

    static final AtomicInteger bodies = new AtomicInteger();
    static final AtomicInteger setUps = new AtomicInteger();
    static final Set<String> threads = ConcurrentHashMap.newKeySet();


    @BeforeEach
    void clearRecords() {
        bodies.set(0);
        setUps.set(0);
        threads.clear();
    }

    @CircuitProtected(value = "grid", failureThreshold = 5)
    public static class ManyRowsAllFailing {
        @DataProvider(parallel = true)
        public Object[][] rows() {
            return IntStream.range(0, 250).mapToObj(i -> new Object[] {i}).toArray(Object[][]::new);
        }

        @BeforeMethod
        public void setUp() {
            setUps.incrementAndGet();
        }

        @org.testng.annotations.Test(dataProvider = "rows")
        public void page(int row) throws IOException {
            ran();
            throw new IOException("grid node lost");
        }
    }

    @CircuitProtected(value = "grid", failureThreshold = 5)
    public static class ManyRowsPassing {
        @DataProvider(parallel = true)
        public Object[][] rows() {
            return IntStream.range(0, 250).mapToObj(i -> new Object[] {i}).toArray(Object[][]::new);
        }

        @org.testng.annotations.Test(dataProvider = "rows")
        public void page(int row) {
            ran();
            if (row % 10 == 0) {
                throw new AssertionError("wrong title on page " + row); // product bugs do not trip
            }
        }
    }

    @CircuitProtected(value = "grid", failureThreshold = 5)
    public static class ThreadPool {
        @BeforeMethod
        public void setUp() {
            setUps.incrementAndGet();
        }

        @org.testng.annotations.Test(invocationCount = 200, threadPoolSize = 8)
        public void hammer() throws IOException {
            ran();
            throw new IOException("grid node lost");
        }
    }

    /** Base of four classes run in parallel: 3 methods x 20 invocations each, 60 tests per class. */
    @CircuitProtected(value = "grid", failureThreshold = 5)
    public abstract static class GridPages {
        @BeforeMethod
        public void setUp() {
            setUps.incrementAndGet();
        }

        @org.testng.annotations.Test(invocationCount = 20)
        public void search() {
            ran();
        }

        @org.testng.annotations.Test(invocationCount = 20)
        public void details() throws IOException {
            ran();
            throw new IOException("grid node lost");
        }

        @org.testng.annotations.Test(invocationCount = 20)
        public void basket() {
            ran();
            throw new AssertionError("basket total wrong");
        }
    }

    public static class GridPagesA extends GridPages {
    }

    public static class GridPagesB extends GridPages {
    }

    public static class GridPagesC extends GridPages {
    }

    public static class GridPagesD extends GridPages {
    }

    static void ran() {
        bodies.incrementAndGet();
        threads.add(Thread.currentThread().getName());
    }

    private static void parallel(XmlSuite suite, XmlSuite.ParallelMode mode) {
        suite.setParallel(mode);
        suite.setThreadCount(8);
        suite.setDataProviderThreadCount(8);
        suite.setConfigFailurePolicy(XmlSuite.FailurePolicy.CONTINUE);
    }

    private CircuitSnapshot grid() {
        return registry.find("grid").map(CircuitBreaker::snapshot).orElseThrow();
    }

    /** TestNG's counts add up; refused tests never ran; the circuit's totals match TestNG's. */
    private void assertAccountedFor(FixtureRun run, int total) {
        assertAccountedFor(run, total, 0);
    }

    private void assertAccountedFor(FixtureRun run, int total, long recordedBefore) {
        assertThat(run.outcomes).hasSize(total);
        assertThat(run.passed() + run.failed() + run.skipped()).isEqualTo(total);
        assertThat(run.where(FixtureRun.Outcome::skipped)).allSatisfy(o -> {
            assertThat(o.throwable()).isInstanceOf(SkipException.class);
            assertThat(o.reason()).matches("circuit 'grid' is (OPEN|HALF_OPEN) since .*");
        });
        assertThat(bodies.get()).isEqualTo(run.passed() + run.failed());
        CircuitSnapshot s = grid();
        assertThat(s.totalRejected()).isEqualTo(run.skipped());
        assertThat(s.totalSuccesses() + s.totalFailures() + s.totalIgnored() - recordedBefore).isEqualTo(bodies.get());
        assertThat(run.summary).singleElement().asString().contains("skipped " + run.skipped() + " test")
                .contains("let " + bodies.get() + " through (" + run.passed() + " passed, " + run.failed()
                        + " failed, 0 aborted)");
    }

    @RepeatedTest(3)
    void parallelMethods250RowsAllFailing_everyRowIsAccountedForOnceAndRefusedRowsNeverRun() {
        FixtureRun run = FixtureRun.of(s -> parallel(s, XmlSuite.ParallelMode.METHODS), ManyRowsAllFailing.class);

        assertAccountedFor(run, 250);
        assertThat(run.failed()).isGreaterThanOrEqualTo(5);
        assertThat(run.skipped()).isGreaterThan(0);
        assertThat(setUps.get()).isEqualTo(bodies.get());
        assertThat(grid().timesOpened()).isEqualTo(1);
    }

    @Test
    void parallelMethods250RowsPassingOrFailingAssertions_nothingIsSkipped() {
        FixtureRun run = FixtureRun.of(s -> parallel(s, XmlSuite.ParallelMode.METHODS), ManyRowsPassing.class);

        assertAccountedFor(run, 250);
        assertThat(threads).as("all 250 rows ran, on the data provider's several threads").hasSizeGreaterThan(1);
        assertThat(run.skipped()).isZero();
        assertThat(run.failed()).isEqualTo(25);
        assertThat(grid().timesOpened()).isZero();
    }

    @RepeatedTest(3)
    void parallelClassesFourClassesOf60_countsAddUpAndTheSharedCircuitOpensOnce() {
        // every invocation, refused or not, passes beforeInvocation on its class's thread: no timing involved
        Map<Class<?>, Set<String>> threadsOfClass = new ConcurrentHashMap<>();
        AtomicInteger invocations = new AtomicInteger();
        IInvokedMethodListener whereClassesRun = new IInvokedMethodListener() {
            @Override
            public void beforeInvocation(IInvokedMethod method, ITestResult result) {
                if (method.isTestMethod()) {
                    invocations.incrementAndGet();
                    threadsOfClass.computeIfAbsent(result.getTestClass().getRealClass(),
                            c -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
                }
            }
        };
        FixtureRun run = FixtureRun.run(s -> parallel(s, XmlSuite.ParallelMode.CLASSES),
                tng -> tng.addListener(whereClassesRun),
                GridPagesA.class, GridPagesB.class, GridPagesC.class, GridPagesD.class);

        assertThat(invocations).as("refused invocations pass beforeInvocation too").hasValue(240);
        assertThat(threadsOfClass).hasSize(4).allSatisfy((c, names) -> assertThat(names).hasSize(1));
        assertThat(threadsOfClass.values().stream().flatMap(Set::stream).distinct().count())
                .as("parallel=\"classes\": the four classes ran on their own threads").isGreaterThan(1);
        assertAccountedFor(run, 240);
        assertThat(setUps.get()).isEqualTo(bodies.get());
        assertThat(run.skipped()).isGreaterThan(0);
        assertThat(grid().timesOpened()).isEqualTo(1);
    }

    @RepeatedTest(2)
    void invocationCount200OnAPoolOfEightThreads_everyInvocationIsAccountedForOnce() {
        FixtureRun run = FixtureRun.of(s -> s.setConfigFailurePolicy(XmlSuite.FailurePolicy.CONTINUE),
                ThreadPool.class);

        assertAccountedFor(run, 200);
        assertThat(run.failed()).isGreaterThanOrEqualTo(5);
        assertThat(setUps.get()).isEqualTo(bodies.get());
        assertThat(grid().timesOpened()).isEqualTo(1);
    }

    @Test
    void parallelMethodsWhileHalfOpen_atMostOneProbeRunsAtATimeAndCountsStillAddUp() {
        CircuitBreaker circuit = registry.circuit(dev.tripswitch.CircuitDefinition.of(
                ManyRowsAllFailing.class.getAnnotation(CircuitProtected.class), "a JUnit test"));
        for (int i = 0; i < 5; i++) {
            circuit.recordFailure(new IOException("grid node lost"));
        }
        clock.advance(java.time.Duration.ofSeconds(30));

        FixtureRun run = FixtureRun.of(s -> parallel(s, XmlSuite.ParallelMode.METHODS), ManyRowsAllFailing.class);

        assertAccountedFor(run, 250, 5);
        assertThat(run.failed()).isEqualTo(1); // the one probe; it failed, so the circuit opened again
        assertThat(run.skipped()).isEqualTo(249);
    }
}
