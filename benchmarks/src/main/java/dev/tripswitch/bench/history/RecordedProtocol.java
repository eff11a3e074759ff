package dev.tripswitch.bench.history;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What collecting the run's record adds to one protected test, without a framework around it: the protocol's
 * admission and outcome of a passing test ({@code TestRun.admit(...).passed()}) on a CLOSED circuit, with no record
 * wanted ({@code record=false}: the run collects nothing, as with {@code tripswitch.history=off}) and with one
 * ({@code record=true}: a mark per test kept until the run ends; the end of the run, once per iteration, is not
 * in the figure). Short iterations keep the marks of one run in memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 15, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dtripswitch.history=off"})
@State(Scope.Benchmark)
public class RecordedProtocol {

    @Param({"false", "true"})
    public boolean record;

    private final TestIdentity test = new TestIdentity("jmh", "com.example.shop.CheckoutFlowTest",
            "paysWithSavedCard", "paysWithSavedCard()", "[engine:junit-jupiter]/[class:com.example.shop."
            + "CheckoutFlowTest]/[method:paysWithSavedCard()]");
    private final Protection protection = Protection.by(CircuitDefinition.builder("jmh-shop", "RecordedProtocol")
            .build());
    private CircuitBreakerRegistry.GlobalOverride registry;
    private TestRun run;

    @Setup(Level.Iteration)
    public void startARun() {
        System.setProperty(KeepingRecordListener.SWITCH, Boolean.toString(record));
        registry = CircuitBreakerRegistry.replaceGlobal(CircuitBreakerRegistry.builder().build());
        run = TestRun.start();
    }

    @TearDown(Level.Iteration)
    public void endTheRun() {
        run.summaryLines();
        registry.close();
        if (record && KeepingRecordListener.LAST.getAndSet(null) == null) {
            throw new IllegalStateException("record=true, but the run handed over no record");
        }
    }

    @Benchmark
    public Outcome admitAndPass() {
        return run.admit(test, protection).passed();
    }
}
