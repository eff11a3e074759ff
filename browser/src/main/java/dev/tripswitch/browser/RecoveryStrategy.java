package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitPermit;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Progressive recovery of a {@link BrowserSession}: the operation that failed is tried again after steps of
 * growing cost until it succeeds: {@link RecoveryStep#RETRY} (up to {@code retries} times, with a pause),
 * {@link RecoveryStep#RELOAD}, {@link RecoveryStep#RESTART_SESSION},
 * {@link RecoveryStep#RESTART_WITH_FAILURE_SETTINGS} ({@link FailureSettings} and the workload hint) and
 * {@link RecoveryStep#FALLBACK_BROWSER} (each fallback browser that is available on this machine). The first
 * step depends on the failure type ({@link RecoveryStep#startFor}); each step is timed and reported.
 *
 * <p>With a circuit: recovery asks it for permission first. While it is OPEN nothing is tried (the browser is
 * not hammered) and the report says so. While it is HALF_OPEN recovery is the probe: the first step is tried
 * once and its outcome is reported to the circuit (closing or re-opening it). While CLOSED the whole chain runs
 * and its final outcome is reported. Without a circuit the whole chain runs.
 *
 * <p>Recovery never weakens browser security: the settings it adds are listed in {@link FailureSettings} and
 * {@link WorkloadHint}.
 */
public final class RecoveryStrategy {

    /** The operation being recovered: it throws when it fails. */
    @FunctionalInterface
    public interface Operation {
        void run(WebDriver driver) throws Exception;
    }

    private final int retries;
    private final Duration retryPause;
    private final List<Browser> fallbackBrowsers;
    private final WorkloadHint workload;
    private final CircuitBreaker circuit;

    private RecoveryStrategy(int retries, Duration retryPause, List<Browser> fallbackBrowsers, WorkloadHint workload,
                             CircuitBreaker circuit) {
        this.retries = retries;
        this.retryPause = retryPause;
        this.fallbackBrowsers = List.copyOf(fallbackBrowsers);
        this.workload = workload;
        this.circuit = circuit;
    }

    /** Two retries 250 ms apart, fallback to Firefox then Edge, no workload hint, no circuit. */
    public static RecoveryStrategy defaults() {
        return new RecoveryStrategy(2, Duration.ofMillis(250), List.of(Browser.FIREFOX, Browser.EDGE, Browser.CHROME),
                null, null);
    }

    /** A copy that retries {@code times} (0 to 10) times, {@code pause} apart. */
    public RecoveryStrategy withRetries(int times, Duration pause) {
        if (times < 0 || times > 10) {
            throw new IllegalArgumentException("retries must be between 0 and 10, but was " + times);
        }
        Objects.requireNonNull(pause, "pause");
        return new RecoveryStrategy(times, pause, fallbackBrowsers, workload, circuit);
    }

    /** A copy that falls back to these browsers, in order (the session's own browser is skipped). */
    public RecoveryStrategy withFallbackBrowsers(List<Browser> browsers) {
        return new RecoveryStrategy(retries, retryPause, browsers, workload, circuit);
    }

    /** A copy whose restarts with failure settings also apply {@code hint}'s settings. */
    public RecoveryStrategy withWorkload(WorkloadHint hint) {
        return new RecoveryStrategy(retries, retryPause, fallbackBrowsers, hint, circuit);
    }

    /** A copy that follows {@code circuitOrNull}. */
    public RecoveryStrategy withCircuit(CircuitBreaker circuitOrNull) {
        return new RecoveryStrategy(retries, retryPause, fallbackBrowsers, workload, circuitOrNull);
    }

    /** Recovers {@code session} from {@code failure} until {@code operation} succeeds, or every step failed. */
    public RecoveryReport recover(BrowserSession session, FailureType failure, Operation operation) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(operation, "operation");
        long start = System.nanoTime();
        CircuitPermit permit = null;
        String note = null;
        if (circuit != null) {
            permit = circuit.tryAcquirePermission();
            if (permit == null) {
                return new RecoveryReport(failure, false, null, List.of(), Duration.ofNanos(System.nanoTime() - start),
                        session.browser(), "circuit '" + circuit.name() + "' refused recovery, so the browser is"
                        + " left alone: " + circuit.snapshot().describe());
            }
            note = permit.isProbe() ? "circuit '" + circuit.name() + "' is HALF_OPEN: this recovery is its probe"
                    : "circuit '" + circuit.name() + "' is CLOSED";
        }
        boolean probeOnly = permit != null && permit.isProbe();
        List<RecoveryReport.Attempt> attempts = new ArrayList<>();
        RecoveryStep succeeded = null;
        Throwable lastFailure = null;
        String url = currentUrl(session);
        outer:
        for (RecoveryStep step : chainFrom(RecoveryStep.startFor(failure))) {
            int times = step == RecoveryStep.RETRY ? retries : 1;
            if (times == 0) {
                continue; // retries switched off
            }
            List<Browser> fallbacks = step == RecoveryStep.FALLBACK_BROWSER ? otherBrowsers(session) : java.util.Collections.singletonList((Browser) null);
            if (fallbacks.isEmpty()) {
                attempts.add(new RecoveryReport.Attempt(step, false, Duration.ZERO,
                        "no other browser to fall back to"));
                continue;
            }
            for (Browser fallback : fallbacks) {
                for (int i = 0; i < times; i++) {
                    long t0 = System.nanoTime();
                    try {
                        prepare(step, session, failure, url, fallback, i);
                        operation.run(session.driver());
                        attempts.add(new RecoveryReport.Attempt(step, true, Duration.ofNanos(System.nanoTime() - t0),
                                null));
                        succeeded = step;
                        break outer;
                    } catch (Exception | AssertionError e) {
                        lastFailure = e;
                        attempts.add(new RecoveryReport.Attempt(step, false, Duration.ofNanos(System.nanoTime() - t0),
                                (fallback == null ? "" : fallback.displayName() + ": ") + e.getClass().getSimpleName()
                                        + ": " + Text.firstLine(e.getMessage())));
                        if (probeOnly) {
                            break outer;
                        }
                    }
                }
            }
        }
        if (permit != null) {
            if (succeeded != null) {
                permit.onSuccess();
            } else {
                permit.onFailure(lastFailure);
            }
        }
        return new RecoveryReport(failure, succeeded != null, succeeded, attempts,
                Duration.ofNanos(System.nanoTime() - start), session.isClosed() ? null : session.browser(), note);
    }

    private static List<RecoveryStep> chainFrom(RecoveryStep first) {
        List<RecoveryStep> all = List.of(RecoveryStep.values());
        return all.subList(all.indexOf(first), all.size());
    }

    private List<Browser> otherBrowsers(BrowserSession session) {
        List<Browser> out = new ArrayList<>();
        for (Browser b : fallbackBrowsers) {
            if (b != session.browser() && !out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    private void prepare(RecoveryStep step, BrowserSession session, FailureType failure, String url, Browser fallback,
                         int attempt) {
        switch (step) {
            case RETRY:
                if (attempt > 0) {
                    PageProbe.pause(retryPause.toMillis());
                }
                return;
            case RELOAD:
                reload(session, url);
                return;
            case RESTART_SESSION:
                session.restart();
                openFresh(session, url);
                return;
            case RESTART_WITH_FAILURE_SETTINGS: {
                BrowserSettings s = FailureSettings.forFailure(session.settings(), failure);
                if (workload != null) {
                    s = s.withWorkload(workload);
                }
                session.restart(s);
                openFresh(session, url);
                return;
            }
            default: {
                DriverResolver.resolve(fallback); // throws BrowserNotAvailableException with the reason
                session.restart(FailureSettings.forFailure(session.settings().withBrowser(fallback), failure));
                openFresh(session, url);
            }
        }
    }

    private static void reload(BrowserSession session, String url) {
        WebDriver driver = session.rawDriver();
        try {
            driver.getWindowHandle();
            driver.getTitle(); // fails on a crashed tab
            driver.navigate().refresh();
        } catch (NoSuchSessionException e) {
            throw e; // the browser is gone: reloading cannot help
        } catch (WebDriverException e) {
            String handle = null;
            try {
                handle = driver.getWindowHandle();
            } catch (WebDriverException ignored) {
                // the window is gone
            }
            if (handle == null) {
                List<String> handles = new ArrayList<>(driver.getWindowHandles());
                if (!handles.isEmpty()) {
                    driver.switchTo().window(handles.get(0));
                    open(session, url);
                    return;
                }
            }
            WindowRepair.replace(session, handle, url);
        }
    }

    private static void open(BrowserSession session, String url) {
        if (url != null && (url.startsWith("http:") || url.startsWith("https:"))) {
            session.rawDriver().get(url);
        }
    }

    /** Like {@link #open}, in a browser that has just started (its first load gets extra time). */
    private static void openFresh(BrowserSession session, String url) {
        if (url != null && (url.startsWith("http:") || url.startsWith("https:"))) {
            session.firstLoad(url);
        }
    }

    private static String currentUrl(BrowserSession session) {
        try {
            return session.rawDriver().getCurrentUrl();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
