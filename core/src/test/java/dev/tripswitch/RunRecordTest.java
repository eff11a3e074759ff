package dev.tripswitch;

import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.CircuitRecord.Transition;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.history.TestMark.Fate;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.RunIdentity;
import dev.tripswitch.internal.TestPlugins;
import dev.tripswitch.spi.RunRecordListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The run's record, collected by the protocol itself: no framework, the controllable clock. */
class RunRecordTest {

    /** A dependency the test switches. */
    public static final class ShopHealth implements HealthCheck {
        static final AtomicBoolean healthy = new AtomicBoolean();

        @Override
        public boolean isHealthy() {
            return healthy.get();
        }
    }

    private final MutableClock clock = MutableClock.start();
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();
    private final List<RunRecord> handedOver = new CopyOnWriteArrayList<>();
    private final RunRecordListener keeper = record -> {
        handedOver.add(record);
        return List.of("kept " + record.partId());
    };

    private TestRun run(RunRecordListener... listeners) {
        return new TestRun(() -> registry, ProtectedTestEvents.of(),
                new TestPlugins(List.of(), List.of(), List.of(), List.of(listeners)));
    }

    private static TestIdentity test(String name) {
        return new TestIdentity("fake-framework", "Shop", name, "Shop." + name, "[test:" + name + "]");
    }

    @AfterEach
    void clearRunId() {
        System.clearProperty(RunIdentity.RUN_ID);
        ShopHealth.healthy.set(false);
    }

    @Test
    void anOutageAndItsRecovery_areRecordedAsTheyHappened() {
        TestRun run = run(keeper);
        Protection shop = Protection.by(CircuitDefinition.builder("shop", "ShopTest").failureThreshold(2)
                .halfOpenAfter(Duration.ofSeconds(30)).build());
        Admission a = run.admit(test("home"), shop);
        clock.advance(Duration.ofMillis(200));
        a.passed();
        Admission b = run.admit(test("cart"), shop);
        clock.advance(Duration.ofSeconds(5));
        b.failed(new ConnectException("Connection refused: shop:8080"));
        Admission c = run.admit(test("search"), shop);
        clock.advance(Duration.ofSeconds(3));
        c.failed(new AssertionError("expected 3 results")); // a product failure: not counted
        Admission d = run.admit(test("checkout"), shop);
        clock.advance(Duration.ofSeconds(4));
        d.failed(new IOException("Broken pipe\nat the second line"));
        Admission refused = run.admit(test("orders"), shop);
        assertThat(refused.isRefused()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        Admission probe = run.admit(test("account"), shop);
        assertThat(probe.isProbe()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        probe.passed();

        List<String> lines = run.summaryLines();
        assertThat(run.summaryLines()).as("a second summary hands nothing over again").isEqualTo(lines);
        assertThat(handedOver).hasSize(1);
        RunRecord record = handedOver.get(0);
        assertThat(lines).last().isEqualTo("kept " + record.partId());
        assertThat(record.startedAt()).isEqualTo(MutableClock.START);
        assertThat(record.endedAt()).isEqualTo(MutableClock.START.plusMillis(43_200));
        assertThat(record.jvm().frameworks()).containsExactly("fake-framework");
        assertThat(record.jvm().pid()).isEqualTo(ProcessHandle.current().pid());

        CircuitRecord c0 = record.circuits().get(0);
        assertThat(c0.name()).isEqualTo("shop");
        assertThat(c0.finalState()).isEqualTo(CircuitState.CLOSED);
        assertThat(c0.store()).isEqualTo("memory");
        assertThat(c0.settings().get("failureThreshold")).isEqualTo(new CircuitRecord.Setting("2", "ShopTest"));
        assertThat(c0.settings().get("successThreshold")).isEqualTo(new CircuitRecord.Setting("1", "default"));
        assertThat(c0.tests()).extracting(TestMark::name, TestMark::fate, TestMark::durationMillis, TestMark::probe)
                .containsExactly(
                        tuple("Shop.home", Fate.PASSED, 200L, false),
                        tuple("Shop.cart", Fate.FAILED_COUNTED, 5_000L, false),
                        tuple("Shop.search", Fate.FAILED_NOT_COUNTED, 3_000L, false),
                        tuple("Shop.checkout", Fate.FAILED_COUNTED, 4_000L, false),
                        tuple("Shop.orders", Fate.SKIPPED, 0L, false),
                        tuple("Shop.account", Fate.PASSED, 1_000L, true));
        assertThat(c0.tests().get(1).reason()).isEqualTo("java.net.ConnectException: Connection refused: shop:8080");
        assertThat(c0.tests().get(4).reason()).startsWith("circuit 'shop' is OPEN since");
        assertThat(c0.tests().get(4).at()).isEqualTo(MutableClock.START.plusMillis(12_200));
        assertThat(c0.transitions()).extracting(Transition::from, Transition::to, Transition::at).containsExactly(
                tuple(CircuitState.CLOSED, CircuitState.OPEN, MutableClock.START.plusMillis(12_200)),
                tuple(CircuitState.OPEN, CircuitState.HALF_OPEN, MutableClock.START.plusMillis(42_200)),
                tuple(CircuitState.HALF_OPEN, CircuitState.CLOSED, MutableClock.START.plusMillis(43_200)));
        assertThat(c0.transitions().get(0).openedBy()).extracting(CircuitRecord.Failure::type,
                CircuitRecord.Failure::message).containsExactly(
                tuple("java.net.ConnectException", "Connection refused: shop:8080"),
                tuple("java.io.IOException", "Broken pipe"));
        assertThat(c0.transitions().get(1).openedBy()).isEmpty();
    }

    @Test
    void aFailedProbe_opensWithThatOneFailure_andHealthAnswersAreKept() {
        TestRun run = run(keeper);
        Protection shop = Protection.by(CircuitDefinition.builder("shop", "ShopTest").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(30)).recoveryTimeout(Duration.ofMinutes(5))
                .healthCheck(ShopHealth.class).healthCheckInterval(Duration.ofSeconds(5)).earlyWarning(false).build());
        run.admit(test("a"), shop).failed(new ConnectException("down"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(run.admit(test("b"), shop).isRefused()).as("unhealthy: still open").isTrue();
        ShopHealth.healthy.set(true);
        clock.advance(Duration.ofSeconds(5));
        Admission probe = run.admit(test("c"), shop);
        assertThat(probe.isProbe()).isTrue();
        probe.failed(new ConnectException("still down"));

        run.summaryLines();
        CircuitRecord c0 = handedOver.get(0).circuits().get(0);
        assertThat(c0.healthAnswers()).extracting(CircuitRecord.HealthAnswer::healthy, CircuitRecord.HealthAnswer::at)
                .containsExactly(tuple(false, MutableClock.START.plusSeconds(5)),
                        tuple(true, MutableClock.START.plusSeconds(10)));
        assertThat(c0.healthAnswers().get(0).answer()).startsWith("not healthy: it answered false");
        assertThat(c0.transitions()).extracting(Transition::to).containsExactly(CircuitState.OPEN,
                CircuitState.HALF_OPEN, CircuitState.OPEN);
        assertThat(c0.transitions().get(0).openedBy()).extracting(CircuitRecord.Failure::message)
                .containsExactly("down");
        assertThat(c0.transitions().get(1).reason()).contains("reported the dependency healthy");
        assertThat(c0.transitions().get(2).openedBy()).extracting(CircuitRecord.Failure::message)
                .containsExactly("still down");
        assertThat(c0.finalState()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aTestThatWaited_recordsHowLong() throws Exception {
        TestRun run = run(keeper);
        Protection shop = Protection.by(CircuitDefinition.builder("shop", "ShopTest").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.WAIT).maxWait(Duration.ofMinutes(1))
                .build());
        run.admit(test("a"), shop).failed(new ConnectException("down"));
        CompletableFuture<Admission> waiting = CompletableFuture.supplyAsync(() -> run.admit(test("b"), shop));
        while (registry.find("shop").orElseThrow().waitingCallers() == 0) {
            Thread.sleep(5);
        }
        clock.advance(Duration.ofSeconds(10));
        Admission b = waiting.get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(2));
        b.passed();
        run.summaryLines();
        TestMark mark = handedOver.get(0).circuits().get(0).tests().get(1);
        assertThat(mark.waitedMillis()).isEqualTo(10_000);
        assertThat(mark.durationMillis()).isEqualTo(12_000);
        assertThat(mark.at()).isEqualTo(MutableClock.START);
        assertThat(mark.probe()).isTrue();
    }

    @Test
    void theRunIdIsTheBuildsUnlessGiven_andABadOneIsNamedInTheSummary() {
        assertThat(RunIdentity.runId()).matches("\\d{8}-\\d{6}-\\d+");
        System.setProperty(RunIdentity.RUN_ID, "ci-4711.shard_2");
        TestRun run = run(keeper);
        run.admit(test("a"), Protection.by(CircuitDefinition.builder("shop", "ShopTest").build())).passed();
        run.summaryLines();
        assertThat(handedOver.get(0).runId()).isEqualTo("ci-4711.shard_2");

        System.setProperty(RunIdentity.RUN_ID, "../etc");
        TestRun bad = run(keeper);
        bad.admit(test("a"), Protection.by(CircuitDefinition.builder("shop", "ShopTest").build())).passed();
        assertThat(bad.summaryLines()).last().isEqualTo("Tripswitch: WARNING: this run's record was not kept: "
                + "tripswitch.run.id=../etc (system property) is refused: must be 1 to 100 letters, digits, '.',"
                + " '_' or '-' (it names files of the run history)");
        assertThat(handedOver).hasSize(1);
    }

    @Test
    void noListenerThatWantsRecords_noRecordAndNoListenerLeftOnTheCircuit() {
        RunRecordListener notNow = new RunRecordListener() {
            @Override
            public boolean wantsRecords() {
                return false;
            }

            @Override
            public List<String> runEnded(RunRecord record) {
                handedOver.add(record);
                return List.of();
            }
        };
        TestRun run = run(notNow);
        run.admit(test("a"), Protection.by(CircuitDefinition.builder("shop", "ShopTest").build())).passed();
        run.summaryLines();
        assertThat(handedOver).isEmpty();

        TestRun recorded = run(keeper);
        recorded.admit(test("a"), Protection.by(CircuitDefinition.builder("shop", "ShopTest").build())).passed();
        recorded.summaryLines();
        assertThat(handedOver).hasSize(1);
    }
}
