package dev.tripswitch;

import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.Durations;
import dev.tripswitch.internal.RunProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The tests a run deferred ({@link WhenOpen#REPLAY}) and their way back: a framework integration that can run a
 * test again asks for the {@linkplain #nextRound() next round} once the run's own tests are done, runs the tests
 * it names, and repeats until a round is empty; then it reports each {@linkplain #abandon() abandoned} test as
 * skipped with its reason.
 *
 * <p>Basic approach: a refused test whose circuit says REPLAY is {@linkplain TestRun#admit deferred} instead of
 * skipped; it waits here under its id, with its circuit and the refusal. A round waits — on the calling thread,
 * through the circuit's own waiting room, so that health checks are asked and probes fall due as for
 * {@link WhenOpen#WAIT}, with no timer thread — until some deferred test's circuit lets tests through, and hands
 * out the tests of every circuit that does. Their admission is then an ordinary one: the first is the probe of a
 * half-open circuit; a test refused again (the probe failed) is deferred again, for a later round. The waiting of
 * all rounds together, and the running of rounds whose probe failed (their circuit OPEN again when the next round
 * is asked for), is bounded by the replay budget, by the clock of the circuit waited on.
 *
 * <p>Thread-safe: tests are deferred and admitted from any thread; rounds are asked for by one thread at a time.
 */
public final class Replay {

    /** The run-wide setting that bounds how long a run waits, at its end, for circuits of deferred tests. */
    public static final String BUDGET_SETTING = "tripswitch.replay.budget";
    /** Long enough for one probe after the longest default backoff ({@code recoveryTimeout}, 60 s) and then some. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(2);
    /** The largest budget accepted. */
    public static final Duration MAX_BUDGET = Duration.ofHours(24);
    /**
     * The run-wide setting that bounds how many rounds an integration plans before the run starts, where its
     * framework cannot add rounds once the run is under way (TestNG: one replay {@code <test>} per round). An
     * integration that can ask for rounds until one is empty (the JUnit engine) does not read it.
     */
    public static final String ROUNDS_SETTING = "tripswitch.replay.rounds";
    /** Room for two failed probes before the one that passes. */
    public static final int DEFAULT_ROUNDS = 3;
    /** The most rounds accepted. */
    public static final int MAX_ROUNDS = 10;

    /** A deferred test that was not run again: report it skipped with {@code reason}. */
    public record Abandoned(TestIdentity test, CircuitBreaker circuit, String reason) {
    }

    private record Pending(TestIdentity test, CircuitBreaker circuit, CircuitSnapshot refusedAs, String reason,
                           Instant deferredAt) {
    }

    /** What happened to one circuit's deferred tests (guarded by the replay's monitor). */
    private static final class Tally {
        final CircuitBreaker circuit;
        long deferred;
        final java.util.Set<String> handedOut = new java.util.HashSet<>(); // ids given to a round, ever
        final java.util.Set<String> abandoned = new java.util.HashSet<>();
        final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

        Tally(CircuitBreaker circuit) {
            this.circuit = circuit;
        }
    }

    private final Duration budget;
    private final Map<String, Pending> pending = new LinkedHashMap<>(); // by test id, in the order of deferral
    private final Map<String, Pending> firstDeferral = new LinkedHashMap<>(); // kept for the replayed test's note
    /**
     * Whether any test was ever deferred (firstDeferral is not empty): until then no admitted test can be a replay,
     * and every admission and outcome of the run is told so without taking the lock or hashing the test's id.
     */
    private volatile boolean anyDeferred;
    private final Map<String, Tally> tallies = new TreeMap<>(); // by circuit name
    private long spentMillis;
    private int rounds;
    /** The circuits of the last round handed out and when (by the first one's clock); null before any round. */
    private List<CircuitBreaker> lastRoundCircuits;
    private long lastRoundAtMillis;

    Replay(Duration budget) {
        this.budget = checkBudget(budget, "code");
    }

    /**
     * The budget in force: from the system property {@value #BUDGET_SETTING}, else from {@code parameters} (a
     * framework's own configuration, such as JUnit's configuration parameters; may be {@code null}), else from
     * {@code tripswitch.properties} on the class path, else {@link #DEFAULT_BUDGET}. A bad value is refused with a
     * message naming the setting, the value, what is allowed and where it was given.
     *
     * @param parametersName what {@code parameters} are called in messages
     */
    public static Duration budgetFrom(Function<String, String> parameters, String parametersName) {
        String value = System.getProperty(BUDGET_SETTING);
        if (value != null) {
            return budget(value, "system property");
        }
        value = parameters == null ? null : parameters.apply(BUDGET_SETTING);
        if (value != null) {
            return budget(value, parametersName);
        }
        Map.Entry<String, String> found = RunProperties.find(BUDGET_SETTING);
        return found == null ? DEFAULT_BUDGET : budget(found.getValue(), found.getKey());
    }

    /**
     * The number of rounds to plan ({@value #ROUNDS_SETTING}), from the same places as {@link #budgetFrom}: the
     * system property, else {@code parameters}, else {@code tripswitch.properties}, else {@link #DEFAULT_ROUNDS}.
     * A bad value is refused with a message naming the setting, the value, what is allowed and where it was given.
     */
    public static int roundsFrom(Function<String, String> parameters, String parametersName) {
        String value = System.getProperty(ROUNDS_SETTING);
        if (value != null) {
            return rounds(value, "system property");
        }
        value = parameters == null ? null : parameters.apply(ROUNDS_SETTING);
        if (value != null) {
            return rounds(value, parametersName);
        }
        Map.Entry<String, String> fromFile = RunProperties.fromClasspathFile(ROUNDS_SETTING);
        if (fromFile != null) {
            return rounds(fromFile.getValue(), fromFile.getKey());
        }
        return DEFAULT_ROUNDS;
    }

    /**
     * The number of rounds given as text, checked: a whole number from 0 (plan none: the integration does not
     * replay, and {@link WhenOpen#REPLAY} skips as {@link WhenOpen#SKIP} does) to {@value #MAX_ROUNDS}.
     *
     * @param origin where the text comes from, for the message (e.g. "system property")
     */
    public static int rounds(String text, String origin) {
        int rounds;
        try {
            rounds = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            rounds = -1;
        }
        if (rounds < 0 || rounds > MAX_ROUNDS) {
            throw new CircuitConfigurationException(ROUNDS_SETTING + " must be a whole number from 0 to "
                    + MAX_ROUNDS + ", but was '" + text + "' (" + origin + ")");
        }
        return rounds;
    }

    /**
     * The budget given as text, checked: a duration such as {@code 90s}, {@code 2m}, {@code 500ms}, {@code PT2M}, of 0
     * (defer nothing back: deferred tests end skipped once the run's own tests are done) to 24h.
     *
     * @param origin where the text comes from, for the message (e.g. "system property")
     */
    public static Duration budget(String text, String origin) {
        Duration parsed = Durations.parseOrNull(text);
        if (parsed == null) {
            throw refusedBudget("'" + text + "'", origin);
        }
        return checkBudget(parsed, origin);
    }

    private static Duration checkBudget(Duration budget, String origin) {
        if (budget == null || budget.isNegative() || budget.compareTo(MAX_BUDGET) > 0) {
            throw refusedBudget(budget == null ? "null" : Durations.format(budget), origin);
        }
        return budget;
    }

    private static CircuitConfigurationException refusedBudget(String shown, String origin) {
        return new CircuitConfigurationException(BUDGET_SETTING + " must be a duration from 0 to 24h ("
                + Durations.FORMS + "), but was " + shown + " (" + origin + ")");
    }

    /** The most the run waits, in all, for the circuits of its deferred tests. */
    public Duration budget() {
        return budget;
    }

    // ------------------------------------------------------------------ from the run

    synchronized void defer(TestIdentity test, CircuitBreaker circuit, CircuitSnapshot refusedAs, String reason) {
        Pending p = new Pending(test, circuit, refusedAs, reason, circuit.config().clock().instant());
        pending.put(test.id(), p);
        if (firstDeferral.putIfAbsent(test.id(), p) == null) {
            tally(circuit).deferred++;
        }
        anyDeferred = true;
    }

    /** True when {@code testId} was deferred and has not been run again or abandoned yet. */
    public boolean isDeferred(String testId) {
        if (!anyDeferred || testId == null) {
            return false;
        }
        synchronized (this) {
            return pending.containsKey(testId);
        }
    }

    /**
     * Whether any test was deferred so far in this run: until then {@link #isDeferred} is false for every test, and
     * a framework need not make a test's id to ask it.
     */
    public boolean anyDeferred() {
        return anyDeferred;
    }

    /**
     * A test was let through: if it had been deferred, it is being replayed; returns the note its report carries
     * then, else {@code null}.
     */
    String admitted(TestIdentity test) {
        if (!anyDeferred) {
            return null;
        }
        synchronized (this) {
            Pending p = test.id() == null ? null : firstDeferral.get(test.id());
            if (p == null || pending.containsKey(test.id())) {
                return null;
            }
            return "Deferred at " + p.deferredAt() + " by circuit '" + p.circuit().name() + "' ("
                    + p.refusedAs().state() + "), run again once it let tests through";
        }
    }

    /** The name of the circuit that first deferred {@code test}, or {@code null}. */
    synchronized String circuitOf(TestIdentity test) {
        Pending p = test.id() == null ? null : firstDeferral.get(test.id());
        return p == null ? null : p.circuit().name();
    }

    /** A test that had been deferred ran again and ended with {@code outcome}. */
    void replayed(TestIdentity test, Outcome outcome) {
        if (!anyDeferred) {
            return;
        }
        synchronized (this) {
            Pending p = test.id() == null ? null : firstDeferral.get(test.id());
            if (p != null && !pending.containsKey(test.id())) {
                tally(p.circuit()).outcomes.merge(outcome, 1L, Long::sum);
            }
        }
    }

    private Tally tally(CircuitBreaker circuit) {
        return tallies.computeIfAbsent(circuit.name(), n -> new Tally(circuit));
    }

    // ------------------------------------------------------------------ for the framework integration

    /** How many tests wait to be run again. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * The tests to run again now: those of every circuit that lets tests through, waiting for one to do so within
     * what is left of the budget. Empty when no test is deferred, or the budget is spent (then {@link #abandon()}
     * gives the rest). The tests are taken out of the queue; one refused again when it is admitted comes back.
     */
    public List<TestIdentity> nextRound() {
        Map<String, CircuitBreaker> circuits = new LinkedHashMap<>();
        synchronized (this) {
            chargeFailedRound();
            for (Pending p : pending.values()) {
                circuits.putIfAbsent(p.circuit().name(), p.circuit());
            }
        }
        if (circuits.isEmpty()) {
            return List.of();
        }
        try {
            while (true) {
                List<TestIdentity> round = takeThoseLetThrough(circuits.values(), 0);
                if (!round.isEmpty()) {
                    return round;
                }
                long left;
                synchronized (this) {
                    left = budget.toMillis() - spentMillis;
                }
                if (left <= 0) {
                    return List.of();
                }
                // one circuit: wait on it for all that is left; several: in turn, a health-check interval each
                for (CircuitBreaker circuit : circuits.values()) {
                    Clock clock = circuit.config().clock();
                    long slice = circuits.size() == 1 ? left
                            : Math.min(left, Math.max(1, circuit.config().healthCheckInterval().toMillis()));
                    long start = clock.millis();
                    boolean through = circuit.awaitLettingThrough(start + slice);
                    long waited = Math.max(0, clock.millis() - start);
                    synchronized (this) {
                        spentMillis += waited;
                    }
                    if (through) {
                        break;
                    }
                    synchronized (this) {
                        left = budget.toMillis() - spentMillis;
                    }
                    if (left <= 0) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * A round whose circuit is OPEN again when the next round is asked for was a probe that met the dependency still
     * down: its time is charged to the budget like waiting, so that a dependency that never returns costs at most
     * the budget, probes included. A round that a circuit let through and that ended with it closed is not charged:
     * those were the run's tests, running.
     */
    private void chargeFailedRound() {
        if (lastRoundCircuits == null) {
            return;
        }
        for (CircuitBreaker c : lastRoundCircuits) {
            if (c.state() == CircuitState.OPEN) {
                spentMillis += Math.max(0, lastRoundCircuits.get(0).config().clock().millis() - lastRoundAtMillis);
                break;
            }
        }
        lastRoundCircuits = null;
    }

    /** Takes out the pending tests of each circuit that lets tests through now. */
    private List<TestIdentity> takeThoseLetThrough(Iterable<CircuitBreaker> circuits, long deadline)
            throws InterruptedException {
        List<String> open = new ArrayList<>();
        List<CircuitBreaker> letThrough = new ArrayList<>();
        for (CircuitBreaker circuit : circuits) {
            if (circuit.awaitLettingThrough(deadline)) {
                open.add(circuit.name());
                letThrough.add(circuit);
            }
        }
        List<TestIdentity> round = new ArrayList<>();
        synchronized (this) {
            var it = pending.values().iterator();
            while (it.hasNext()) {
                Pending p = it.next();
                if (open.contains(p.circuit().name())) {
                    round.add(p.test());
                    tally(p.circuit()).handedOut.add(p.test().id());
                    it.remove();
                }
            }
            if (!round.isEmpty()) {
                rounds++;
                lastRoundCircuits = letThrough;
                lastRoundAtMillis = letThrough.get(0).config().clock().millis();
            }
        }
        return round;
    }

    /**
     * The tests still deferred, taken out of the queue, each with the reason to skip it with: when and by which
     * circuit it was deferred, how long the run waited, and that the budget is spent.
     */
    List<Abandoned> abandon() {
        List<Pending> left;
        long waited;
        synchronized (this) {
            left = new ArrayList<>(pending.values());
            pending.clear();
            waited = spentMillis;
            for (Pending p : left) {
                tally(p.circuit()).abandoned.add(p.test().id());
            }
        }
        List<Abandoned> out = new ArrayList<>(left.size());
        for (Pending p : left) {
            CircuitSnapshot now = p.circuit().snapshot();
            out.add(new Abandoned(p.test(), p.circuit(), "deferred at " + p.deferredAt() + " by circuit '" + p.circuit().name()
                    + "' and not run again: the run waited " + Durations.format(Duration.ofMillis(waited))
                    + " at its end for it to let tests through, and its replay budget (" + BUDGET_SETTING + " = "
                    + Durations.format(budget) + ") is spent; " + now.describe()));
        }
        return out;
    }

    /**
     * One line per circuit that deferred tests: how many were run again after it let tests through and how they
     * ended, and how many were skipped in the end. Empty when nothing was deferred.
     */
    public synchronized List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        for (Tally t : tallies.values()) {
            long replayed = t.handedOut.stream().filter(id -> !t.abandoned.contains(id)).count();
            long passed = t.outcomes.getOrDefault(Outcome.PASSED, 0L);
            long failed = t.outcomes.getOrDefault(Outcome.FAILED_COUNTED, 0L)
                    + t.outcomes.getOrDefault(Outcome.FAILED_NOT_COUNTED, 0L);
            long other = replayed - passed - failed;
            StringBuilder line = new StringBuilder("Tripswitch: ");
            if (!t.abandoned.isEmpty()) {
                line.append("WARNING: ");
            }
            line.append("circuit '").append(t.circuit.name()).append("' deferred ").append(plural(t.deferred, "test"))
                    .append("; replayed ").append(replayed).append(" after it let tests through (").append(passed)
                    .append(" passed, ").append(failed).append(" failed");
            if (other > 0) {
                line.append(", ").append(other).append(" other: aborted, skipped, or a test factory");
            }
            line.append(")");
            if (!t.abandoned.isEmpty()) {
                line.append("; ").append(plural(t.abandoned.size(), "test"))
                        .append(" skipped: the replay budget (").append(Durations.format(budget))
                        .append(") was spent before it let them through");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    @Override
    public synchronized String toString() {
        return "Replay[" + pending.size() + " pending, " + rounds + " rounds, " + spentMillis + " ms of "
                + budget.toMillis() + " spent]";
    }
}
