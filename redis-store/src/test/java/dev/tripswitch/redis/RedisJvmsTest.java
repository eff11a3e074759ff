package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Several JVMs, started with ProcessBuilder, share circuits through one real Redis. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedisJvmsTest {

    private static RedisServer redis;
    /** A probe's lease in most scenarios; the probe scenario's is longer (see there). */
    private static final String LEASE = "1s";
    /**
     * The probe scenario's lease: long enough that a holder renewing it on a loaded machine (a JVM stalled for a
     * second or more) never lets it run out while it lives; the scenario waits for it to run out after the kill.
     */
    private static final String PROBE_LEASE = "6s";
    private final List<Process> workers = new ArrayList<>();
    private final List<CircuitBreakerRegistry> registries = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly().waitFor();
        }
        registries.forEach(CircuitBreakerRegistry::closeStore);
    }

    private Process worker(String scope, String... args) throws Exception {
        return workerWithLease(LEASE, scope, args);
    }

    private Process workerWithLease(String lease, String scope, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dtripswitch.store=" + redis.uri(),
                "-Dtripswitch.store.scope=" + scope, "-Dtripswitch.store.lease=" + lease,
                "-Dtripswitch.circuit.shared.failureThreshold=5", "-Dtripswitch.circuit.shared.halfOpenAfter=300ms",
                "-Dtripswitch.circuit.shared.recoveryTimeout=10s", RedisWorker.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        workers.add(p);
        return p;
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.equals("PROBE") || line.equals("REFUSED") || line.equals("CLOSED") || line.equals("DONE")) {
                return line;
            }
        }
        return "exited with " + p.waitFor() + " before saying anything";
    }

    private CircuitBreaker circuitHere(String scope) {
        return circuitHere(LEASE, scope);
    }

    private CircuitBreaker circuitHere(String lease, String scope) {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().store(
                RedisServer.openStore(redis.uri(), scope, "1s"), Duration.parse("PT" + lease.toUpperCase())).build();
        registries.add(r);
        return r.circuit("shared", CircuitBreakerConfig.custom().failureThreshold(5)
                .halfOpenAfter(Duration.ofMillis(300)).recoveryTimeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void threeJvms_countExactTotals_inOneCircuit() throws Exception {
        List<Process> jvms = List.of(worker("totals", "successes", "shared", "3000"),
                worker("totals", "successes", "shared", "3000"), worker("totals", "successes", "shared", "3000"));
        for (Process p : jvms) {
            assertThat(firstLine(p)).isEqualTo("DONE");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        var s = circuitHere("totals").snapshot();
        assertThat(s.totalSuccesses()).as("sent by each JVM before it exited").isEqualTo(9000);
        assertThat(s.totalFailures()).isEqualTo(3);
        assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void oneProbeAcrossJvms_andAJvmKilledWhileProbing_blocksTheCircuitOnlyUntilItsLeaseExpires() throws Exception {
        CircuitBreaker here = circuitHere(PROBE_LEASE, "probe");
        for (int i = 0; i < 5; i++) {
            here.recordFailure();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> here.state() == CircuitState.HALF_OPEN);

        List<Process> jvms = List.of(workerWithLease(PROBE_LEASE, "probe", "probe", "shared"),
                workerWithLease(PROBE_LEASE, "probe", "probe", "shared"),
                workerWithLease(PROBE_LEASE, "probe", "probe", "shared"));
        List<String> said = new ArrayList<>();
        Process holder = null;
        for (Process p : jvms) {
            String line = firstLine(p);
            said.add(line);
            if (line.equals("PROBE")) {
                holder = p;
            }
        }
        assertThat(said).containsExactlyInAnyOrder("PROBE", "REFUSED", "REFUSED");
        assertThat(here.tryAcquirePermission()).as("the probe is out in another JVM").isNull();
        // the holder renews its lease: while it lives, nobody else probes
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> here.tryAcquirePermission() == null);

        holder.destroyForcibly().waitFor();
        CircuitPermit[] probe = new CircuitPermit[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> (probe[0] = here.tryAcquirePermission()) != null);
        assertThat(probe[0].isProbe()).isTrue();
        probe[0].onSuccess();
        assertThat(here.snapshot().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aRedisWithAPassword_letsTheRightOneIn_andRefusesAWrongOneAtOnce_withoutShowingIt() throws Exception {
        try (RedisServer secured = RedisServer.start("s3cret-pw")) {
            String right = "redis://default:s3cret-pw@127.0.0.1:" + secured.port() + "/2";
            CircuitBreakerRegistry r = CircuitBreakerRegistry.builder()
                    .store(RedisServer.openStore(right, "auth", "1s"), Duration.ofSeconds(1)).build();
            assertThat(r.storeDescription()).isEqualTo("redis://default:****@127.0.0.1:" + secured.port()
                    + "/2 (scope auth)");
            CircuitBreaker c = r.circuit("secured");
            c.recordFailure();
            assertThat(c.snapshot().totalFailures()).isEqualTo(1);
            r.closeStore();

            String wrong = "redis://default:not-it@127.0.0.1:" + secured.port() + "/2";
            long started = System.nanoTime();
            assertThatThrownBy(() -> RedisServer.openStore(wrong, "auth", "1s"))
                    .isInstanceOf(CircuitConfigurationException.class)
                    .hasMessageStartingWith("tripswitch.store=redis://default:****@127.0.0.1:" + secured.port()
                            + "/2 (system property) is refused: the Redis server at 127.0.0.1:" + secured.port()
                            + " did not accept the credentials (")
                    .message().doesNotContain("not-it").doesNotContain("s3cret");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThatThrownBy(() -> RedisServer.openStore("redis://127.0.0.1:" + secured.port(), "auth", "1s"))
                    .as("no password at all").isInstanceOf(CircuitConfigurationException.class)
                    .hasMessageContaining("did not accept the credentials");
        }
    }
}
