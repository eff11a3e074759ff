package dev.tripswitch;

import dev.tripswitch.Admission.Verdict;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.Switches;
import dev.tripswitch.internal.TestPlugins;
import dev.tripswitch.store.UnsharedCircuits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The protected-test protocol on its own, with the controllable clock: no framework involved. */
class TestRunTest {

    private final MutableClock clock = MutableClock.start();
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).build();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final ProtectedTestListener recorder = new ProtectedTestListener() {
        @Override
        public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
            heard.add("admitted " + test.methodName() + (probe ? " (probe)" : ""));
        }

        @Override
        public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
            heard.add("refused " + test.methodName());
        }

        @Override
        public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
            heard.add("finished " + test.methodName() + " " + outcome);
        }

        @Override
        public void onTestNote(TestIdentity test, String title, boolean ok, String detailsJson) {
            notes.add(test.methodName() + ": " + title + " " + detailsJson.replaceAll("\\s", ""));
        }
    };
    private final TestRun run = new TestRun(() -> registry, ProtectedTestEvents.of(recorder), TestPlugins.NONE);

    private final Protection browser = Protection.by(CircuitDefinition.builder("browser", "this test")
            .failureThreshold(2).halfOpenAfter(Duration.ofSeconds(30)).build());

    @AfterEach
    void switchOn() {
        System.clearProperty(Switches.ENABLED);
    }

    private static TestIdentity test(String name) {
        return new TestIdentity("test", "Shop", name, "Shop." + name);
    }

    private CircuitBreaker circuit() {
        return registry.find("browser").orElseThrow();
    }

    @Test
    void theAdmittingCircuit_isKnownOnTheTestsThreadUntilItsEnd_andNotAfterARefusal() {
        Admission a = run.admit(test("t1"), browser);
        assertThat(TestRun.currentCircuit()).as("while t1 runs").contains(circuit());
        a.passed();
        assertThat(TestRun.currentCircuit()).as("after t1").isEmpty();
        run.admit(test("t0"), browser).close();
        assertThat(TestRun.currentCircuit()).as("after a test closed without an outcome").isEmpty();

        circuit().recordFailure(new IOException("grid down"));
        circuit().recordFailure(new IOException("grid down"));
        Admission refused = run.admit(test("t2"), browser);
        assertThat(refused.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(TestRun.currentCircuit()).as("a refused test runs under no circuit").isEmpty();
    }

    @Test
    void grantedAdmission_takesExactlyOneOutcome_laterOnesAreIgnored() {
        Admission a = run.admit(test("t1"), browser);

        assertThat(a.verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(a.failed(new IOException("grid down"))).isEqualTo(Outcome.FAILED_COUNTED);
        assertThat(a.passed()).isNull();
        assertThat(a.failed(new IOException("again"))).isNull();
        a.close();

        assertThat(circuit().snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit().snapshot().totalSuccesses()).isZero();
        assertThat(heard).containsExactly("admitted t1", "finished t1 FAILED_COUNTED");
        assertThat(run.summaryLines()).singleElement().asString()
                .startsWith("Tripswitch: circuit 'browser' opened 0 times, skipped 0 tests, let 1 through"
                        + " (0 passed, 1 failed, 0 aborted), final state CLOSED");
    }

    @Test
    void missingOutcome_isReleasedWhenTheScopeCloses_andTheProbeSlotComesBack() {
        run.admit(test("t0"), browser).close(); // creates the circuit; then it is opened from outside
        circuit().recordFailure(new IOException("down"));
        circuit().recordFailure(new IOException("down"));
        clock.advance(Duration.ofSeconds(30));

        Admission probe = run.admit(test("t1"), browser);
        assertThat(probe.isProbe()).isTrue();
        assertThat(run.admit(test("t2"), browser).verdict()).as("one probe at a time").isEqualTo(Verdict.REFUSED);
        probe.close(); // no outcome came

        Admission next = run.admit(test("t3"), browser);
        assertThat(next.isProbe()).isTrue();
        assertThat(next.passed()).isEqualTo(Outcome.PASSED);
        assertThat(circuit().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(heard).containsExactly("admitted t0", "admitted t1 (probe)", "refused t2", "admitted t3 (probe)",
                "finished t3 PASSED");
    }

    @Test
    void refusedAdmission_carriesTheSnapshotAndReason_andTakesNoOutcome() {
        Admission first = run.admit(test("t1"), browser);
        first.failed(new IOException("grid down"));
        run.admit(test("t2"), browser).failed(new IOException("grid down"));

        Admission refused = run.admit(test("t3"), browser);

        assertThat(refused.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(refused.refusedAs().state()).isEqualTo(CircuitState.OPEN);
        assertThat(refused.reason()).isEqualTo("circuit 'browser' is OPEN since 2026-01-01T00:00:00Z after 2"
                + " consecutive failures; last failure: java.io.IOException: grid down;"
                + " next probe at 2026-01-01T00:00:30Z");
        assertThat(refused.passed()).isNull();
        assertThat(circuit().snapshot().totalSuccesses()).isZero();
        assertThat(run.summaryLines()).singleElement().asString()
                .contains("opened 1 time, skipped 1 test, let 2 through (0 passed, 2 failed, 0 aborted)");
    }

    @Test
    void badAnnotation_isMisconfigured_andTouchesNoCircuit() {
        Protection bad = Protection.of(BadlyAnnotated.class, null);

        Admission a = run.admit(test("t1"), bad);

        assertThat(a.verdict()).isEqualTo(Verdict.MISCONFIGURED);
        assertThat(a.error()).hasMessageContaining("failureThreshold").hasMessageContaining("0");
        assertThat(a.failed(new IOException("x"))).isNull();
        assertThat(registry.all()).isEmpty();
        assertThat(heard).isEmpty();
        assertThat(run.isEmpty()).isTrue();
    }

    @Test
    void conflictingDefinition_isMisconfiguredNamingBothPlaces() {
        run.admit(test("t1"), browser).passed();
        Protection other = Protection.by(CircuitDefinition.builder("browser", "another test")
                .failureThreshold(7).build());

        Admission a = run.admit(test("t2"), other);

        assertThat(a.verdict()).isEqualTo(Verdict.MISCONFIGURED);
        assertThat(a.error()).hasMessageContaining("this test").hasMessageContaining("another test");
    }

    @Test
    void switchedOff_everyTestIsUnguarded_andNoCircuitIsAsked() {
        System.setProperty(Switches.ENABLED, "false");

        Admission a = run.admit(test("t1"), browser);

        assertThat(a.verdict()).isEqualTo(Verdict.UNGUARDED);
        assertThat(a.reason()).isEqualTo("Tripswitch is switched off (tripswitch.enabled=false)");
        assertThat(a.failed(new IOException("grid down"))).isNull();
        assertThat(registry.all()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void badSwitchValue_isMisconfiguredNamingTheProperty() {
        System.setProperty(Switches.ENABLED, "perhaps");

        Admission a = run.admit(test("t1"), browser);

        assertThat(a.verdict()).isEqualTo(Verdict.MISCONFIGURED);
        assertThat(a.error()).hasMessage("tripswitch.enabled=perhaps (system property): must be true or false");
    }

    @Test
    void unprotectedTest_isUnguarded() {
        Admission a = run.admit(test("t1"), Protection.of(Unannotated.class, null));

        assertThat(a.verdict()).isEqualTo(Verdict.UNGUARDED);
        assertThat(a.reason()).isEqualTo("not under @CircuitProtected");
    }

    @Test
    void circuitOpenExceptionInsideTheTest_skipsItWithThatReason_andCountsNothingOnItsOwnCircuit() {
        CircuitBreaker pages = registry.circuit(CircuitDefinition.builder("pages", "a page object")
                .failureThreshold(1).build());
        pages.recordFailure(new IOException("app down"));
        Admission a = run.admit(test("t1"), browser);

        Outcome outcome;
        try {
            pages.execute(() -> "never runs");
            throw new AssertionError("the page object's circuit should have refused");
        } catch (Exception refusedInside) {
            outcome = a.failed(new IllegalStateException("wrapped by the page object", refusedInside));
        }

        assertThat(outcome).isEqualTo(Outcome.SKIPPED_BY_CIRCUIT);
        assertThat(a.reason()).startsWith("circuit 'pages' is OPEN since");
        CircuitSnapshot own = circuit().snapshot();
        assertThat(own.totalFailures()).isZero();
        assertThat(own.totalSuccesses()).isZero();
        assertThat(heard).containsExactly("admitted t1", "finished t1 SKIPPED_BY_CIRCUIT");
        assertThat(run.summaryLines()).satisfiesExactly( // the skip counts on the circuit that refused
                l -> assertThat(l).contains("circuit 'browser' opened 0 times, skipped 0 tests, let 0 through"),
                l -> assertThat(l).contains("circuit 'pages' opened 0 times, skipped 1 test, let 0 through"));
    }

    @Test
    void assertionFailure_doesNotCount_misuseCountsNothing() {
        assertThat(run.admit(test("t1"), browser).failed(new AssertionError("wrong total")))
                .isEqualTo(Outcome.FAILED_NOT_COUNTED);
        assertThat(run.admit(test("t2"), browser).failed(new CircuitConfigurationException("bad")))
                .isEqualTo(Outcome.ABORTED);
        assertThat(circuit().snapshot().totalFailures()).isZero();
    }

    @Test
    void injectedFaultAlreadyCounted_theTestsOwnFailureFromItDoesNotCountAgain() {
        Admission a = run.admit(test("t1"), browser);
        circuit().recordFailure(new IOException("injected crash")); // what the injector records
        a.injectedFaultCounted();

        assertThat(a.failed(new IOException("tab crashed"))).isEqualTo(Outcome.FAILED_COUNTED);

        assertThat(circuit().snapshot().totalFailures()).as("one fault, one failure").isEqualTo(1);
        assertThat(circuit().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void classSetUp_refusedTestsGoAlongWithItsReason_andOnlyTheLedgerHearsOfTheClass() {
        run.admit(test("t0"), browser).failed(new IOException("grid down"));
        Admission setUp = run.admitClassSetUp(new TestIdentity("test", "Shop", null, "Shop"), browser,
                "@BeforeAll of Shop");
        assertThat(setUp.failed(new IOException("grid down"))).isEqualTo(Outcome.FAILED_COUNTED);
        assertThat(circuit().state()).isEqualTo(CircuitState.OPEN);

        Admission refusedSetUp = run.admitClassSetUp(new TestIdentity("test", "Shop", null, "Shop"), browser,
                "@BeforeAll of Shop");
        clock.advance(Duration.ofSeconds(30)); // a probe is due, but the class was never set up
        Admission member = run.refuseAlong(test("t1"), refusedSetUp);

        assertThat(refusedSetUp.reason()).endsWith("; @BeforeAll of Shop was not run");
        assertThat(member.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(member.reason()).isEqualTo(refusedSetUp.reason());
        assertThat(heard).containsExactly("admitted t0", "finished t0 FAILED_COUNTED", "refused t1");
        assertThat(run.summaryLines()).singleElement().asString()
                .contains("opened 1 time, skipped 1 test, let 2 through (0 passed, 2 failed, 0 aborted)");
    }

    @Test
    void classSetUpThatWorks_onlyReleasesItsPermit() {
        Admission setUp = run.admitClassSetUp(new TestIdentity("test", "Shop", null, "Shop"), browser, null);

        assertThat(setUp.passed()).isNull();

        CircuitSnapshot s = circuit().snapshot();
        assertThat(s.totalSuccesses()).isZero();
        assertThat(heard).isEmpty();
        assertThat(run.summaryLines()).singleElement().asString().contains("let 0 through");
    }

    @CircuitProtected(value = "bad", failureThreshold = 0)
    static class BadlyAnnotated {
    }

    static class Unannotated {
    }

    @Test
    void circuitOfTheRunThatRanUnshared_isNamedInTheSummary_otherUnsharedCircuitsAreNot() {
        try {
            UnsharedCircuits.note("browser", "redis://ci:secret@127.0.0.1:6390/2", clock.instant(), "connection refused");
            UnsharedCircuits.note("elsewhere", "file:/tmp/x", clock.instant(), "read-only");
            run.admit(test("t1"), browser).passed();

            List<String> lines = run.summaryLines();

            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).isEqualTo("Tripswitch: circuit 'browser' ran unshared (in this JVM only) since "
                    + clock.instant() + ": store redis://ci:****@127.0.0.1:6390/2 failed: connection refused");
        } finally {
            UnsharedCircuits.clear();
        }
    }

    @Test
    void aTestThatWaited_getsANoteWithTheTimeItWaited_oneAdmittedAtOnceGetsNone() throws Exception {
        Protection shop = Protection.by(CircuitDefinition.builder("shop", "this test").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.WAIT).maxWait(Duration.ofMinutes(1)).build());
        run.admit(test("first"), shop).failed(new IOException("shop down")); // opens it, no wait
        CircuitBreaker circuit = registry.find("shop").orElseThrow();
        CompletableFuture<Admission> second = CompletableFuture.supplyAsync(() -> run.admit(test("second"), shop));
        for (int i = 0; i < 6000 && circuit.waitingCallers() == 0; i++) {
            Thread.sleep(10); // up to a minute for the test to start waiting: a ceiling, not a timing assertion
        }
        assertThat(circuit.waitingCallers()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        Admission admitted = second.get(1, TimeUnit.MINUTES);

        assertThat(admitted.isProbe()).isTrue();
        assertThat(notes).containsExactly(
                "second: Waited 10s for circuit 'shop' {\"circuit\":\"shop\",\"waitedMillis\":10000}");
        admitted.passed();
    }

    // ------------------------------------------------------------------ replay: chains and tests that cannot replay

    private final List<String> deferrals = new CopyOnWriteArrayList<>();
    private final TestRun replaying = new TestRun("replaying", () -> registry,
            ProtectedTestEvents.of(recorder, new ProtectedTestListener() {
                @Override
                public void onTestDeferred(TestIdentity test, CircuitSnapshot snapshot, String reason) {
                    deferrals.add(test.methodName() + ": " + reason);
                }
            }), TestPlugins.NONE, new Replay(Duration.ofMinutes(1)));
    private final Protection replayShop = Protection.by(CircuitDefinition.builder("replay-shop", "this test")
            .failureThreshold(1).halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.REPLAY).build());

    private static TestIdentity withId(String name) {
        return new TestIdentity("test", "Shop", name, "Shop." + name, "Shop#" + name);
    }

    @Test
    void dependentOfADeferredTest_isDeferredAlong_withoutAskingTheCircuit_andComesBackInTheSameRound() {
        replaying.admit(withId("t0"), replayShop).failed(new IOException("shop down"));
        Admission login = replaying.admit(withId("login"), replayShop);
        long rejectedBefore = registry.find("replay-shop").orElseThrow().snapshot().totalRejected();

        Admission basket = replaying.deferAlong(withId("basket"), login);

        assertThat(login.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(basket.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(basket.circuit()).isSameAs(login.circuit());
        assertThat(basket.reason()).isEqualTo("deferred along with Shop.login, which it depends on, to run again"
                + " once circuit 'replay-shop' lets tests through");
        assertThat(deferrals).last().asString()
                .isEqualTo("basket: it depends on Shop.login, which circuit 'replay-shop' deferred");
        assertThat(registry.find("replay-shop").orElseThrow().snapshot().totalRejected())
                .as("the circuit was not asked again").isEqualTo(rejectedBefore);
        Replay replay = replaying.replay().orElseThrow();
        assertThat(replay.isDeferred("Shop#basket")).isTrue();

        clock.advance(Duration.ofSeconds(10));
        assertThat(replay.nextRound()).extracting(TestIdentity::methodName).containsExactly("login", "basket");
    }

    @Test
    void deferAlong_needsADeferredTest_andATestWithoutIdIsRefusedWithTheChainsReason() {
        replaying.admit(withId("t0"), replayShop).failed(new IOException("shop down"));
        Admission login = replaying.admit(withId("login"), replayShop);
        Admission granted = run.admit(test("t1"), browser);

        Admission noId = replaying.deferAlong(test("basket"), login);

        assertThat(noId.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(noId.reason()).isEqualTo("it depends on Shop.login, which circuit 'replay-shop' deferred");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> replaying.deferAlong(withId("basket"), granted))
                .withMessageStartingWith("not a deferred test: ");
        granted.passed();
    }

    @Test
    void testThatCannotBeReplayedAlone_isRefusedNotDeferred_withWhy_butItsReplayAfterADeferralCounts() {
        replaying.admit(withId("t0"), replayShop).failed(new IOException("shop down"));

        Admission alone = replaying.admitNotDeferrable(withId("checkout"), replayShop, "it depends on login");

        assertThat(alone.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(alone.reason()).startsWith("circuit 'replay-shop' is OPEN")
                .endsWith("; not deferred: it depends on login");
        assertThat(replaying.replay().orElseThrow().pendingCount()).isZero();

        Admission login = replaying.admit(withId("login"), replayShop);
        replaying.deferAlong(withId("basket"), login);
        clock.advance(Duration.ofSeconds(10));
        assertThat(replaying.replay().orElseThrow().nextRound()).hasSize(2);
        replaying.admit(withId("login"), replayShop).passed();
        replaying.admitNotDeferrable(withId("basket"), replayShop, "it depends on login").passed();

        assertThat(replaying.summaryLines()).contains("Tripswitch: circuit 'replay-shop' deferred 2 tests; replayed 2"
                + " after it let tests through (2 passed, 0 failed)");
    }

    @Test
    void notDeferrableOutsideReplay_isAnOrdinaryRefusal() {
        Protection shop = Protection.by(CircuitDefinition.builder("plain-shop", "this test").failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(10)).whenOpen(WhenOpen.SKIP).build());
        replaying.admit(withId("t0"), shop).failed(new IOException("shop down"));

        Admission refused = replaying.admitNotDeferrable(withId("t1"), shop, "it depends on login");

        assertThat(refused.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(refused.reason()).doesNotContain("not deferred");
    }

    @Test
    void replayRounds_comeFromTheSystemPropertyThenTheParameters_badValuesAreRefusedNamingTheSettingAndPlace() {
        assertThat(Replay.roundsFrom(key -> null, "params")).isEqualTo(Replay.DEFAULT_ROUNDS);
        assertThat(Replay.roundsFrom(key -> key.equals(Replay.ROUNDS_SETTING) ? " 0" : null, "params")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Replay.rounds("11", "TestNG suite parameter"))
                .isInstanceOf(CircuitConfigurationException.class).hasMessage(
                        "tripswitch.replay.rounds must be a whole number from 0 to 10, but was '11'"
                                + " (TestNG suite parameter)");
        try {
            System.setProperty(Replay.ROUNDS_SETTING, "-1");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Replay.roundsFrom(key -> "2", "params"))
                    .hasMessage("tripswitch.replay.rounds must be a whole number from 0 to 10, but was '-1'"
                            + " (system property)");
        } finally {
            System.clearProperty(Replay.ROUNDS_SETTING);
        }
    }
}
