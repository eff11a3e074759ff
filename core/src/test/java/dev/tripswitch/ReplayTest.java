package dev.tripswitch;

import dev.tripswitch.Admission.Verdict;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.TestPlugins;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deferral and replay in the protocol alone, with the controllable clock: no framework involved. */
class ReplayTest {

    private final MutableClock clock = MutableClock.start();
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final ProtectedTestListener recorder = new ProtectedTestListener() {
        @Override
        public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
            heard.add("refused " + test.methodName());
        }

        @Override
        public void onTestDeferred(TestIdentity test, CircuitSnapshot snapshot, String reason) {
            heard.add("deferred " + test.methodName());
        }

        @Override
        public void onTestNote(TestIdentity test, String title, boolean ok, String detailsJson) {
            heard.add("note " + test.methodName() + ": " + title);
        }
    };
    private final TestRun run = new TestRun("run-1", () -> registry, ProtectedTestEvents.of(recorder),
            TestPlugins.NONE, new Replay(Duration.ofSeconds(30)));
    private final Protection replaying = Protection.by(CircuitDefinition.builder("shop", "this test")
            .failureThreshold(1).halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.REPLAY).build());

    @Test
    void refusedByAReplayCircuit_theTestIsDeferred_notSkipped() {
        openTheCircuit();
        Admission a = run.admit(test("cart"), replaying);

        assertThat(a.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(a.isRefused()).as("it must not run now").isTrue();
        assertThat(a.reason()).startsWith("deferred, to run again once the circuit lets tests through: circuit "
                + "'shop' is OPEN");
        assertThat(run.replay().orElseThrow().isDeferred("id-cart")).isTrue();
        assertThat(heard).containsExactly("deferred cart");
        assertThat(run.summaryLines()).anySatisfy(l -> assertThat(l).contains("skipped 0 tests"));
    }

    @Test
    void aRunThatCannotReplay_orATestWithoutId_isSkippedAsBefore() {
        openTheCircuit();
        TestRun plain = new TestRun(() -> registry, ProtectedTestEvents.of(recorder), TestPlugins.NONE);

        assertThat(plain.admit(test("cart"), replaying).verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(run.admit(new TestIdentity("junit5", "Shop", "pay", "pay()"), replaying).verdict())
                .isEqualTo(Verdict.REFUSED);
    }

    @Test
    void nextRound_waitsUntilTheProbeIsDue_thenHandsOutTheDeferredTests_andTheReplayIsNoted() throws Exception {
        openTheCircuit();
        run.admit(test("cart"), replaying);
        run.admit(test("pay"), replaying);
        Replay replay = run.replay().orElseThrow();

        CompletableFuture<List<TestIdentity>> round = CompletableFuture.supplyAsync(replay::nextRound);
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the round waits for the circuit");
        assertThat(round).isNotDone();
        clock.advance(Duration.ofSeconds(10));

        assertThat(round.get(60, TimeUnit.SECONDS)).extracting(TestIdentity::methodName).containsExactly("cart", "pay");
        Admission probe = run.admit(test("cart"), replaying);
        assertThat(probe.isProbe()).isTrue();
        assertThat(probe.notes()).containsExactly("Deferred at " + MutableClock.START + " by circuit 'shop' (OPEN),"
                + " run again once it let tests through");
        probe.passed();
        run.admit(test("pay"), replaying).passed();
        assertThat(replay.nextRound()).as("nothing left").isEmpty();
        assertThat(run.summaryLines()).contains("Tripswitch: circuit 'shop' deferred 2 tests; replayed 2 after it let"
                + " tests through (2 passed, 0 failed)");
    }

    @Test
    void aTestRefusedAgainInItsReplay_isDeferredAgain_forTheNextRound() {
        openTheCircuit();
        run.admit(test("cart"), replaying);
        Replay replay = run.replay().orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        assertThat(replay.nextRound()).hasSize(1);

        run.admit(test("cart"), replaying).failed(new IllegalStateException("still down")); // the probe fails
        assertThat(run.admit(test("cart2"), replaying).verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(replay.pendingCount()).isEqualTo(1);
    }

    @Test
    void aRoundWhoseProbeFailed_isChargedToTheBudget_soANeverReturningDependencyCostsAtMostTheBudget()
            throws Exception {
        openTheCircuit(); // threshold 1, probe 10 s after the opening; budget 30 s
        run.admit(test("cart"), replaying);
        run.admit(test("pay"), replaying);
        Replay replay = run.replay().orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        assertThat(replay.nextRound()).hasSize(2); // the probe is due: no waiting

        clock.advance(Duration.ofSeconds(15)); // the probe runs 15 s and meets the shop still down
        run.admit(test("cart"), replaying).failed(new IllegalStateException("still down")); // next probe in 20 s
        assertThat(run.admit(test("pay"), replaying).verdict()).isEqualTo(Verdict.DEFERRED);

        // 15 s of the budget went to the failed round: 15 s are left, less than the 20 s to the next probe
        CompletableFuture<List<TestIdentity>> round = CompletableFuture.supplyAsync(replay::nextRound);
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the round waits for the circuit");
        clock.advance(Duration.ofSeconds(15));

        assertThat(round.get(1, TimeUnit.MINUTES)).as("the budget is spent before the next probe").isEmpty();
        assertThat(run.abandonDeferred()).extracting(a -> a.test().methodName()).containsExactly("pay"); // cart failed
    }

    @Test
    void aRoundLetThrough_thatClosedTheCircuit_isNotCharged() throws Exception {
        openTheCircuit();
        run.admit(test("cart"), replaying);
        Replay replay = run.replay().orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        assertThat(replay.nextRound()).hasSize(1);
        clock.advance(Duration.ofSeconds(25)); // the replayed test runs 25 s and passes: the circuit closes
        run.admit(test("cart"), replaying).passed();

        Protection other = Protection.by(CircuitDefinition.builder("other", "this test").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(20)).whenOpen(WhenOpen.REPLAY).build());
        run.admit(test("first"), other).failed(new IllegalStateException("other down"));
        run.admit(test("search"), other);
        CompletableFuture<List<TestIdentity>> round = CompletableFuture.supplyAsync(replay::nextRound);
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the round waits for the other circuit");
        clock.advance(Duration.ofSeconds(20));

        assertThat(round.get(1, TimeUnit.MINUTES)).as("all 30 s of the budget were left for it")
                .extracting(TestIdentity::methodName)
                .containsExactly("search");
    }

    @Test
    void budgetSpent_theRestIsAbandoned_skippedWithTheDeferralReason_andCountedAsSkipped() {
        Protection slow = Protection.by(CircuitDefinition.builder("slow", "this test").failureThreshold(1)
                .halfOpenAfter(Duration.ofMinutes(5)).recoveryTimeout(Duration.ofMinutes(5))
                .whenOpen(WhenOpen.REPLAY).build());
        run.admit(test("first"), slow).failed(new IllegalStateException("down"));
        run.admit(test("cart"), slow);
        Replay replay = run.replay().orElseThrow();

        CompletableFuture<List<TestIdentity>> round = CompletableFuture.supplyAsync(replay::nextRound);
        FakeShop.awaitUntil(() -> clock.pausedNow() > 0, "the round waits for the circuit");
        clock.advance(Duration.ofSeconds(30));

        assertThat(round.join()).isEmpty();
        List<Replay.Abandoned> abandoned = run.abandonDeferred();
        assertThat(abandoned).singleElement().satisfies(a -> assertThat(a.reason()).startsWith("deferred at "
                + MutableClock.START + " by circuit 'slow' and not run again: the run waited 30s at its end for it to"
                + " let tests through, and its replay budget (tripswitch.replay.budget = 30s) is spent; circuit "
                + "'slow' is OPEN"));
        assertThat(heard).contains("refused cart");
        assertThat(run.summaryLines()).anySatisfy(l -> assertThat(l).contains("skipped 1 test"))
                .contains("Tripswitch: WARNING: circuit 'slow' deferred 1 test; replayed 0 after it let tests through"
                        + " (0 passed, 0 failed); 1 test skipped: the replay budget (30s) was spent before it let them"
                        + " through");
    }

    @Test
    void deferAlong_defersALaterTestOfAChainOnTheSameCircuit() {
        openTheCircuit();
        Admission first = run.admit(test("login"), replaying);
        Admission along = run.deferAlong(test("receipt"), first);

        assertThat(along.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(along.reason()).isEqualTo("deferred along with login(), which it depends on, to run again once"
                + " circuit 'shop' lets tests through");
        assertThat(run.replay().orElseThrow().isDeferred("id-receipt")).isTrue();
        assertThatThrownBy(() -> run.deferAlong(test("x"), run.admit(test("y"), Protection.NONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void budgets_areCheckedWithAMessageNamingTheSettingTheValueAndWhatIsAllowed() {
        assertThat(Replay.budget("90s", "here")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Replay.budget("0s", "here")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Replay.budget("-1s", "system property")).hasMessage("tripswitch.replay.budget must"
                + " be a duration from 0 to 24h (500ms, 30s, 2m, 1h or ISO-8601 PT30S), but was '-1s' (system property)");
        assertThatThrownBy(() -> Replay.budget("25h", "tripswitch.properties (file:/x)")).hasMessage(
                "tripswitch.replay.budget must be a duration from 0 to 24h (500ms, 30s, 2m, 1h or ISO-8601 PT30S),"
                        + " but was 25h (tripswitch.properties (file:/x))");
        assertThat(Replay.budgetFrom(k -> null, "none")).isEqualTo(Replay.DEFAULT_BUDGET);
        assertThat(Replay.budgetFrom(k -> "45s", "JUnit configuration parameter")).isEqualTo(Duration.ofSeconds(45));
    }

    private void openTheCircuit() {
        run.admit(test("first"), replaying).failed(new IllegalStateException("shop down"));
        assertThat(registry.find("shop").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        heard.clear();
    }

    private static TestIdentity test(String method) {
        return new TestIdentity("junit5", "Shop", method, method + "()", "id-" + method);
    }
}
