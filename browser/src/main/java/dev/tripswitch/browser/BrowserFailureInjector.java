package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Injects real failures into one {@link BrowserSession}, following an optional circuit.
 *
 * <p>Each {@link FailureType} at each {@link FailureIntensity} has its own mechanism (listed in
 * {@code browser/README.md}); after applying it the injector observes whether the failure took effect and says so
 * in the {@link InjectionResult}. Mild and moderate failures undo themselves after
 * {@link InjectorSettings#mildLasts()} / {@link InjectorSettings#moderateLasts()} where the mechanism allows it;
 * everything else lasts until {@link #restore()}.
 *
 * <p>The circuit decides what may be injected: CLOSED allows every intensity, HALF_OPEN only mild and moderate
 * (for random injections too), OPEN nothing; a refused injection does nothing to the browser and its result
 * says why. A severe injection or any crash records exactly one failure on the circuit; mild and moderate ones
 * record only when {@link InjectorSettings#recordMildAndModerate()} is on.
 *
 * <p>Injection needs a Chromium-based browser (DevTools). Not thread-safe: call it from the test's thread.
 */
public final class BrowserFailureInjector implements AutoCloseable {

    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tripswitch-failure-timers");
        t.setDaemon(true);
        return t;
    });

    private final BrowserSession session;
    private final CircuitBreaker circuit;
    private final InjectorSettings settings;
    private final Random random;
    private final List<Active> active = Collections.synchronizedList(new ArrayList<>());
    private final List<InjectionResult> history = new ArrayList<>();
    private FailureStats.Counts total = FailureStats.Counts.ZERO;
    private final Map<FailureType, FailureStats.Counts> byType = FailureStats.emptyByType();
    private final Map<FailureIntensity, FailureStats.Counts> byIntensity = FailureStats.emptyByIntensity();

    private static final class Active {
        final InjectionResult result;
        final ActiveFailure failure;
        ScheduledFuture<?> timer;

        Active(InjectionResult result, ActiveFailure failure) {
            this.result = result;
            this.failure = failure;
        }
    }

    /** An injector with no circuit and the default settings. */
    public BrowserFailureInjector(BrowserSession session) {
        this(session, null, InjectorSettings.defaults());
    }

    /** An injector following {@code circuit} (may be null) with the default settings. */
    public BrowserFailureInjector(BrowserSession session, CircuitBreaker circuit) {
        this(session, circuit, InjectorSettings.defaults());
    }

    public BrowserFailureInjector(BrowserSession session, CircuitBreaker circuit, InjectorSettings settings) {
        this.session = Objects.requireNonNull(session, "session");
        this.circuit = circuit;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = settings.randomSeed() == null ? new Random() : new Random(settings.randomSeed());
    }

    public BrowserSession session() {
        return session;
    }

    /** The circuit this injector follows, or {@code null}. */
    public CircuitBreaker circuit() {
        return circuit;
    }

    /** Injects {@code type} at {@code intensity}, unless the circuit refuses. */
    public InjectionResult injectFailure(FailureType type, FailureIntensity intensity) {
        return injectFailure(type, intensity, settings.recordMildAndModerate());
    }

    /** As {@link #injectFailure(FailureType, FailureIntensity)}, deciding mild/moderate recording per call. */
    InjectionResult injectFailure(FailureType type, FailureIntensity intensity, boolean recordMildAndModerate) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(intensity, "intensity");
        String refusal = refusal(intensity);
        if (refusal != null) {
            return count(InjectionResult.refused(type, intensity, refusal));
        }
        return count(inject(type, intensity, recordMildAndModerate));
    }

    /** A random type at a random intensity allowed by the circuit. */
    public InjectionResult injectRandomFailure() {
        return injectRandomFailure(Set.of(), false);
    }

    /**
     * A random failure type not in {@code excludedTypes}, at a random intensity: never severe when
     * {@code excludeSevere} is set or the circuit is HALF_OPEN. While the circuit is OPEN the chosen injection is
     * refused like any other.
     *
     * @throws IllegalArgumentException when every type is excluded
     */
    public InjectionResult injectRandomFailure(Set<FailureType> excludedTypes, boolean excludeSevere) {
        EnumSet<FailureType> types = EnumSet.allOf(FailureType.class);
        types.removeAll(excludedTypes);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("injectRandomFailure: every failure type is excluded");
        }
        boolean severeAllowed = !excludeSevere && (circuit == null || circuit.state() != CircuitState.HALF_OPEN);
        List<FailureType> typeList = new ArrayList<>(types);
        FailureType type = typeList.get(random.nextInt(typeList.size()));
        FailureIntensity[] intensities = severeAllowed ? FailureIntensity.values()
                : new FailureIntensity[]{FailureIntensity.MILD, FailureIntensity.MODERATE};
        FailureIntensity intensity = intensities[random.nextInt(intensities.length)];
        return injectFailure(type, intensity);
    }

    /**
     * Undoes every failure still in place, newest first, on the calling thread. Some undos restart the browser
     * (a crashed browser, WebGL blocked by GPU crashes): take {@link BrowserSession#driver()} again afterwards.
     *
     * @return problems met while undoing, empty when everything was undone cleanly
     */
    public List<String> restore() {
        List<Active> toUndo;
        synchronized (active) {
            toUndo = new ArrayList<>(active);
            active.clear();
        }
        Collections.reverse(toUndo);
        List<String> problems = new ArrayList<>();
        for (Active a : toUndo) {
            if (a.timer != null) {
                a.timer.cancel(false);
            }
            try {
                a.failure.undo(session);
            } catch (Exception e) {
                problems.add(a.result.type() + "/" + a.result.intensity() + ": " + e.getClass().getSimpleName()
                        + ": " + Text.firstLine(e.getMessage()));
            }
        }
        return problems;
    }

    /** Failures injected and not yet undone (by timer or {@link #restore()}). */
    public List<InjectionResult> activeFailures() {
        synchronized (active) {
            List<InjectionResult> out = new ArrayList<>();
            for (Active a : active) {
                if (!a.failure.isUndone()) {
                    out.add(a.result);
                }
            }
            return out;
        }
    }

    /** Every result so far, oldest first. */
    public List<InjectionResult> history() {
        return List.copyOf(history);
    }

    /** Attempts, successes and rates per type and intensity, and the circuit section. */
    public FailureStats failureStats() {
        FailureStats.CircuitSection section = null;
        if (circuit != null) {
            CircuitSnapshot s = circuit.snapshot();
            section = new FailureStats.CircuitSection(s.name(), s.state(), s.failureCount(), s.failureThreshold(),
                    s.thresholdPercent(), circuit.config().recoveryTimeout(), circuit.config().halfOpenAfter());
        }
        return new FailureStats(total, byType, byIntensity, section);
    }

    /** Same as {@link #restore()}. */
    @Override
    public void close() {
        restore();
    }

    // ------------------------------------------------------------------ internals

    private String refusal(FailureIntensity intensity) {
        if (circuit == null) {
            return null;
        }
        CircuitState state = circuit.state();
        if (state == CircuitState.OPEN) {
            return "circuit '" + circuit.name() + "' is OPEN, so no failure is injected: "
                    + circuit.snapshot().describe();
        }
        if (state == CircuitState.HALF_OPEN && intensity == FailureIntensity.SEVERE) {
            return "circuit '" + circuit.name() + "' is HALF_OPEN: only mild and moderate failures are injected"
                    + " while it probes, severe ones are refused until it closes";
        }
        return null;
    }

    private InjectionResult inject(FailureType type, FailureIntensity intensity, boolean recordMildAndModerate) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        if (!session.supportsCdp()) {
            return new InjectionResult(type, intensity, null, false, false, "failure injection needs a"
                    + " Chromium-based browser (DevTools); " + session.whyNoDevTools(),
                    null, false, null, at, Duration.ofNanos(System.nanoTime() - start));
        }
        ActiveFailure failure;
        try {
            failure = FailureMechanism.forType(type).apply(session, intensity);
        } catch (Exception e) {
            return new InjectionResult(type, intensity, null, false, false, "could not be applied: "
                    + e.getClass().getSimpleName() + ": " + Text.firstLine(e.getMessage()), null, false,
                    null, at, Duration.ofNanos(System.nanoTime() - start));
        }
        Duration lasts = lasts(intensity, failure);
        InjectionResult result = new InjectionResult(type, intensity, failure.mechanism, true, failure.verified,
                failure.observation, null, false, lasts, at, Duration.ofNanos(System.nanoTime() - start));
        if (circuit != null && (intensity == FailureIntensity.SEVERE || type == FailureType.CRASH
                || recordMildAndModerate)) {
            circuit.recordFailure(new InjectedFailureException(type, intensity, failure.mechanism));
            result = result.withRecorded(true);
        }
        Active a = new Active(result, failure);
        active.add(a);
        if (lasts != null) {
            a.timer = TIMERS.schedule(() -> undoByTimer(a), lasts.toMillis(), TimeUnit.MILLISECONDS);
        }
        return result;
    }

    private Duration lasts(FailureIntensity intensity, ActiveFailure failure) {
        if (failure.endsByItselfAfter != null) {
            return failure.endsByItselfAfter;
        }
        if (!failure.undoableByTimer) {
            return null;
        }
        switch (intensity) {
            case MILD:
                return settings.mildLasts();
            case MODERATE:
                return settings.moderateLasts();
            default:
                return null;
        }
    }

    private void undoByTimer(Active a) {
        try {
            a.failure.undo(session);
        } catch (Exception e) {
            // the page may have gone away meanwhile; restore() reports nothing for an undone failure
        } finally {
            active.remove(a);
        }
    }

    private InjectionResult count(InjectionResult r) {
        boolean success = r.injected() && r.verified();
        total = total.plus(success, r.refused());
        byType.merge(r.type(), FailureStats.Counts.ZERO.plus(success, r.refused()),
                (old, one) -> old.plus(success, r.refused()));
        byIntensity.merge(r.intensity(), FailureStats.Counts.ZERO.plus(success, r.refused()),
                (old, one) -> old.plus(success, r.refused()));
        history.add(r);
        return r;
    }
}
