package dev.tripswitch.browser;

import java.time.Duration;
import java.util.Map;

/** Scripts the mechanisms run in the page, over their own DevTools connection, to observe a failure. */
final class PageProbe {

    private PageProbe() {
    }

    /**
     * Evaluates {@code expression} in the page (promises awaited) and returns its JSON value.
     *
     * @throws IllegalStateException when the expression throws
     */
    static Object eval(CdpChannel channel, String expression, Duration timeout) {
        Map<String, Object> r = channel.call("Runtime.evaluate", Map.of("expression", expression,
                "awaitPromise", true, "returnByValue", true), timeout);
        Object details = r.get("exceptionDetails");
        if (details != null) {
            throw new IllegalStateException("script failed in the page: " + details);
        }
        Object result = r.get("result");
        return result instanceof Map ? ((Map<?, ?>) result).get("value") : null;
    }

    static Object eval(CdpChannel channel, String expression) {
        return eval(channel, expression, CdpChannel.DEFAULT_TIMEOUT);
    }

    /**
     * Fetches the current page's URL again from inside the page and reports what happened:
     * {@code {skipped}} for a page that is not http(s), else {@code {ok, status, ms}} or {@code {ok:false, error, ms}}.
     * The fetch is aborted after {@code abortAfterMillis}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetchCurrentPage(CdpChannel channel, long abortAfterMillis) {
        String js = "(async () => {"
                + " if (!/^https?:/.test(location.protocol)) return {skipped: true};"
                + " const ctl = new AbortController(); const timer = setTimeout(() => ctl.abort(), " + abortAfterMillis + ");"
                + " const t0 = performance.now();"
                + " try { const r = await fetch(location.href, {cache: 'no-store', signal: ctl.signal});"
                + "   return {ok: true, status: r.status, ms: Math.round(performance.now() - t0)}; }"
                + " catch (e) { return {ok: false, error: String(e), ms: Math.round(performance.now() - t0)}; }"
                + " finally { clearTimeout(timer); } })()";
        Object v = eval(channel, js, Duration.ofMillis(abortAfterMillis + 5000));
        return v instanceof Map ? (Map<String, Object>) v : Map.of("skipped", true);
    }

    static boolean skipped(Map<String, Object> probe) {
        return Boolean.TRUE.equals(probe.get("skipped"));
    }

    static long millis(Map<String, Object> probe) {
        Object ms = probe.get("ms");
        return ms instanceof Number ? ((Number) ms).longValue() : -1;
    }

    static int status(Map<String, Object> probe) {
        Object s = probe.get("status");
        return s instanceof Number ? ((Number) s).intValue() : -1;
    }

    /** A fixed piece of arithmetic, repeated for about 300 ms of real time; returns how many iterations ran. */
    private static final String COMPUTE = "(() => { const t0 = performance.now(); let n = 0, x = 0;"
            + " while (performance.now() - t0 < 300) { for (let i = 0; i < 5000; i++) { x += Math.sqrt(n + i); }"
            + " n += 5000; } window.__tripswitchSink = x; return n; })()";

    /**
     * How fast the page's main thread computes, in iterations of a fixed piece of arithmetic per millisecond of
     * that thread's CPU time (DevTools' {@code ThreadTime} metric): three runs, sorted, element 0 the slowest.
     *
     * <p>Per CPU time, not per wall-clock time: other processes on a loaded machine take wall-clock time from
     * the page, so a page measured by the clock looks slower (and CPU throttling looks weaker) the busier the
     * machine is, while CPU throttling shows in this figure whatever the load. Each run lasts about 300 ms of
     * real time however slow the page is, so it cannot run into a script timeout.
     */
    static double[] computeRate(CdpChannel channel, Duration timeout) {
        channel.call("Performance.enable", Map.of());
        try {
            double[] runs = new double[3];
            for (int run = 0; run < runs.length; run++) {
                double cpuBefore = threadTimeSeconds(channel);
                Object iterations = eval(channel, COMPUTE, timeout);
                double cpuMillis = (threadTimeSeconds(channel) - cpuBefore) * 1000;
                runs[run] = iterations instanceof Number && cpuMillis > 0
                        ? ((Number) iterations).doubleValue() / cpuMillis : 0;
            }
            java.util.Arrays.sort(runs);
            return runs;
        } finally {
            channel.call("Performance.disable", Map.of());
        }
    }

    private static double threadTimeSeconds(CdpChannel channel) {
        Object metrics = channel.call("Performance.getMetrics", Map.of()).get("metrics");
        if (metrics instanceof java.util.List) {
            for (Object m : (java.util.List<?>) metrics) {
                if (m instanceof Map && "ThreadTime".equals(((Map<?, ?>) m).get("name"))) {
                    Object value = ((Map<?, ?>) m).get("value");
                    if (value instanceof Number) {
                        return ((Number) value).doubleValue();
                    }
                }
            }
        }
        throw new IllegalStateException("the browser reports no ThreadTime metric (DevTools Performance.getMetrics)");
    }

    /**
     * Asks {@code condition} every 100 ms until it holds or {@code ceiling} has passed.
     *
     * @return whether it held
     */
    static boolean within(Duration ceiling, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + ceiling.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            pause(100);
        }
        return true;
    }

    /** Sleeps, giving up quietly when interrupted. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
