package dev.tripswitch.bench.recovery;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.browser.BrowserFailureInjector;
import dev.tripswitch.browser.BrowserSession;
import dev.tripswitch.browser.BrowserSettings;
import dev.tripswitch.browser.InjectionResult;
import dev.tripswitch.browser.RecoveryReport;
import dev.tripswitch.browser.RecoveryStrategy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link RecoveryCase} in one {@link Arm} against a real browser and measures it.
 *
 * <p>Each run gets a fresh browser that first loads the shop and passes the {@link ShopOperation} (not
 * measured). Then the failure is injected, and from the moment the injection returns the clock and the
 * {@link ProcessMeter} run until the operation works again or the arm gives up. Both arms start alike: the
 * operation is tried once as it is (a test meeting the failure). If that fails:
 * <ul>
 *   <li>{@link Arm#WITH_CIRCUIT_BREAKER}: {@code RecoveryStrategy.defaults().withCircuit(circuit)} recovers
 *       (retry → reload → restart → restart with failure settings → fallback browser), with a fresh circuit per
 *       case that the injector also follows;</li>
 *   <li>{@link Arm#WITHOUT_CIRCUIT_BREAKER}: the operation is retried, {@value #RETRY_PAUSE_MILLIS} ms apart
 *       (the strategy's pause), until it works or the budget is spent; then the browser is restarted and the
 *       operation tried once more (that counts as eventual recovery, not as recovery within the budget).</li>
 * </ul>
 * Whatever the injector left in place is undone and the browser quit before the next run.
 */
public final class RecoveryRunner {

    static final long RETRY_PAUSE_MILLIS = 250;
    public static final String SETUP_FAILED = "SETUP_FAILED";

    private final URI shop;
    private final Duration budget;
    private final Duration pageLoadTimeout;

    public RecoveryRunner(URI shop, Duration budget, Duration pageLoadTimeout) {
        this.shop = shop;
        this.budget = budget;
        this.pageLoadTimeout = pageLoadTimeout;
    }

    /**
     * Runs the case in the arm. A browser that cannot even be set up (start and warm-up, unmeasured) on a busy
     * machine gets one more try with a new browser; if that fails too the sample says {@link #SETUP_FAILED}
     * and the summaries leave the case out of both arms.
     */
    public RecoverySample run(RecoveryCase c, Arm arm) {
        RecoverySample first = runOnce(c, arm);
        return SETUP_FAILED.equals(first.succeededAt()) ? runOnce(c, arm) : first;
    }

    private RecoverySample runOnce(RecoveryCase c, Arm arm) {
        BrowserSettings settings = BrowserSettings.of(c.browser()).withPageLoadTimeout(pageLoadTimeout)
                .withScriptTimeout(pageLoadTimeout).withCommandTimeout(Duration.ofSeconds(45));
        CircuitBreaker circuit = arm == Arm.WITH_CIRCUIT_BREAKER
                ? CircuitBreaker.ofDefaults("recovery-" + c.order() + "-" + c.type() + "-" + c.intensity())
                : null;
        ShopOperation op = new ShopOperation(shop);
        try (BrowserSession session = BrowserSession.start(settings);
             BrowserFailureInjector injector = new BrowserFailureInjector(session, circuit)) {
            try {
                op.calibrate(session.driver());
            } catch (Exception e) {
                return setupFailed(c, arm, "warm-up failed: " + firstLine(e));
            }
            int startsBefore = session.starts();
            InjectionResult injection = injector.injectFailure(c.type(), c.intensity());
            List<RecoverySample.Step> steps = new ArrayList<>();
            String how;
            boolean ok;
            boolean eventually;
            long t0;
            double elapsedMs;
            try (ProcessMeter meter = ProcessMeter.start()) {
                t0 = System.nanoTime();
                long s0 = System.nanoTime();
                String firstFailure = attempt(op, session);
                steps.add(new RecoverySample.Step("ATTEMPT", firstFailure == null, ms(s0), firstFailure));
                if (firstFailure == null) {
                    how = "FIRST_TRY";
                    ok = true;
                    eventually = true;
                } else if (arm == Arm.WITH_CIRCUIT_BREAKER) {
                    RecoveryReport report = RecoveryStrategy.defaults().withCircuit(circuit)
                            .recover(session, c.type(), op);
                    for (RecoveryReport.Attempt a : report.steps()) {
                        steps.add(new RecoverySample.Step(a.step().name(), a.succeeded(), a.took().toNanos() / 1e6,
                                a.failure()));
                    }
                    ok = report.recovered();
                    eventually = ok;
                    how = ok ? report.succeededAt().name() : null;
                } else {
                    String[] result = baseline(op, session, t0, steps);
                    how = result[0];
                    ok = "RETRY_LOOP".equals(how);
                    eventually = how != null;
                }
                elapsedMs = ms(t0);
                meter.close();
                boolean withinBudget = ok && elapsedMs <= budget.toMillis();
                return new RecoverySample(c.order(), c.browser().displayName(), c.type().name(),
                        c.intensity().name(), c.repetition(), arm.name(), injection.injected(), injection.verified(),
                        injection.took().toNanos() / 1e6, withinBudget ? elapsedMs : budget.toMillis(), elapsedMs,
                        withinBudget, eventually, how, steps, meter.jvmCpuMs(), meter.browserCpuMs(),
                        session.starts() - startsBefore, meter.peakBrowserRssMb(),
                        injection.injected() ? injection.observation() : injection.refusalReason());
            }
        } catch (RuntimeException e) {
            return setupFailed(c, arm, "benchmark run failed: " + firstLine(e));
        }
    }

    /** Retries until the operation works or the budget is spent; then restarts. Returns {how or null}. */
    private String[] baseline(ShopOperation op, BrowserSession session, long t0, List<RecoverySample.Step> steps) {
        long deadline = t0 + budget.toNanos();
        while (System.nanoTime() < deadline) {
            sleep(RETRY_PAUSE_MILLIS);
            long s = System.nanoTime();
            String failure = attempt(op, session);
            steps.add(new RecoverySample.Step("RETRY", failure == null, ms(s), failure));
            if (failure == null) {
                return new String[]{"RETRY_LOOP"};
            }
        }
        long s = System.nanoTime();
        String failure;
        try {
            session.restart();
            // a new browser's first page load gets the generous timeout core gives its own restarts
            session.driver().manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            failure = attempt(op, session);
            session.driver().manage().timeouts().pageLoadTimeout(pageLoadTimeout);
        } catch (RuntimeException e) {
            failure = firstLine(e);
        }
        steps.add(new RecoverySample.Step("RESTART", failure == null, ms(s), failure));
        return new String[]{failure == null ? "RESTART_AFTER_BUDGET" : null};
    }

    private static String attempt(ShopOperation op, BrowserSession session) {
        try {
            op.run(session.driver());
            return null;
        } catch (Exception | AssertionError e) {
            return firstLine(e);
        }
    }

    private static RecoverySample setupFailed(RecoveryCase c, Arm arm, String why) {
        return new RecoverySample(c.order(), c.browser().displayName(), c.type().name(), c.intensity().name(),
                c.repetition(), arm.name(), false, false, 0, 0, 0, false, false, SETUP_FAILED, List.of(), 0, 0, 0, 0,
                why);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        if (first.length() > 160) {
            first = first.substring(0, 160) + "...";
        }
        return e.getClass().getSimpleName() + ": " + first;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
