package dev.tripswitch.bench.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitState;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A call in CLOSED through each way of protecting one method, in the same run: the method woven by the
 * Tripswitch aspect ({@code woven}), the same work through {@code circuit.execute(...)} on the same circuit
 * ({@code execute}), through Resilience4j's {@code CircuitBreaker.decorateSupplier} ({@code resilience4j}), and
 * unprotected ({@code unprotected}, the floor); {@code wovenTwoJoinPoints} alternates between two woven methods
 * (two calls per operation), the case the aspect's last-found cache does not serve. The callable and the
 * decorated supplier are made once, as a caller would keep them; run with {@code -prof gc} for the bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WovenCallHotPath {

    private ShopClient client;
    private CircuitBreaker circuit;
    private Callable<String> call;
    private Supplier<String> resilience4j;

    @Setup
    public void setUp() {
        client = new ShopClient();
        circuit = CircuitBreakerRegistry.global().circuit(ShopClient.CIRCUIT);
        call = client::plain;
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4j =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4j, client::plain);
        client.woven(); // binds the join point to the circuit
        long before = circuit.snapshot().totalSuccesses();
        client.woven();
        if (circuit.snapshot().totalSuccesses() != before + 1 || circuit.state() != CircuitState.CLOSED) {
            throw new IllegalStateException("ShopClient.woven() is not woven: compile benchmarks with ajc (pom.xml)");
        }
    }

    @Benchmark
    public String woven() {
        return client.woven();
    }

    /**
     * Two woven methods called one after the other (two calls per operation): a join point is not the one
     * found last, so each call looks its protection up in the aspect's table.
     */
    @Benchmark
    public void wovenTwoJoinPoints(org.openjdk.jmh.infra.Blackhole sink) {
        sink.consume(client.woven());
        sink.consume(client.wovenToo());
    }

    @Benchmark
    public String execute() throws Exception {
        return circuit.execute(call);
    }

    @Benchmark
    public String resilience4j() {
        return resilience4j.get();
    }

    @Benchmark
    public String unprotected() {
        return client.plain();
    }
}
