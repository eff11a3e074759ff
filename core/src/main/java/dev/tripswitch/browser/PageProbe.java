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

    /**
     * Milliseconds a fixed piece of arithmetic takes on the page's main thread, three runs, sorted: element 0
     * is the best run (the code is optimised by then), element 1 the median.
     */
    static double[] busyLoopMillis(CdpChannel channel, Duration timeout) {
        String js = "(() => { const runs = []; for (let run = 0; run < 3; run++) {"
                + " const t0 = performance.now(); let x = 0; for (let i = 0; i < 2e7; i++) { x += Math.sqrt(i); }"
                + " window.__tripswitchSink = x; runs.push(performance.now() - t0); }"
                + " return runs.sort((a, b) => a - b); })()";
        Object v = eval(channel, js, timeout);
        double[] out = {-1, -1, -1};
        if (v instanceof java.util.List) {
            java.util.List<?> runs = (java.util.List<?>) v;
            for (int i = 0; i < Math.min(3, runs.size()); i++) {
                out[i] = ((Number) runs.get(i)).doubleValue();
            }
        }
        return out;
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
