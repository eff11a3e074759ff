package dev.tripswitch.browser;

import java.util.Map;

/**
 * GPU_ERROR: MILD loses the page's WebGL contexts through the {@code WEBGL_lose_context} extension and restores
 * them when undone; MODERATE crashes the GPU process once ({@code Browser.crashGpuProcess}): every WebGL context
 * in the browser is lost and the browser starts a new GPU process; SEVERE crashes it three times in a row, after
 * which Chromium refuses new WebGL contexts for the rest of the browser's life.
 *
 * <p>To observe the failure on any page, a 1x1 probe canvas with its own WebGL context is added to the page.
 * Every canvas on the page is asked for its WebGL context; a canvas that had no context at all gets one (the
 * only side effect). Undo: MILD restores the lost contexts; MODERATE needs nothing (the GPU process is back);
 * SEVERE, and MODERATE if WebGL stayed blocked, restarts the browser session and reloads the page.
 */
final class GpuErrorMechanism implements FailureMechanism {

    /** The longest wait for the page to see a loss or a restore: ample on a loaded machine, usually ms. */
    private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(10);

    private static final String EVENTS = "(() => { const p = document.getElementById('__tripswitch_gpu_probe');"
            + " const gl = p && p.getContext('webgl'); const g = window.__tripswitchGpu || {};"
            + " return {probeLost: !!gl && gl.isContextLost(), lost: g.lost || 0, restored: g.restored || 0}; })()";

    private static final String PROBE = "(() => {"
            + " let p = document.getElementById('__tripswitch_gpu_probe');"
            + " if (!p) { p = document.createElement('canvas'); p.id = '__tripswitch_gpu_probe'; p.width = 1; p.height = 1;"
            + "   p.style.position = 'fixed'; p.style.left = '-10px'; (document.body || document.documentElement).appendChild(p); }"
            + " const gl = p.getContext('webgl'); if (!gl) return false;"
            + " window.__tripswitchGpu = {lost: 0, restored: 0};"
            + " p.addEventListener('webglcontextlost', e => { e.preventDefault(); window.__tripswitchGpu.lost++; });"
            + " p.addEventListener('webglcontextrestored', () => { window.__tripswitchGpu.restored++; });"
            + " return true; })()";

    private static final String LOSE_ALL = "(() => { window.__tripswitchLost = [];"
            + " for (const c of document.querySelectorAll('canvas')) {"
            + "   const gl = c.getContext('webgl2') || c.getContext('webgl'); if (!gl) continue;"
            + "   const ext = gl.getExtension('WEBGL_lose_context'); if (!ext) continue;"
            + "   ext.loseContext(); window.__tripswitchLost.push({gl, ext}); }"
            + " return window.__tripswitchLost.length; })()";

    private static final String RESTORE_ALL = "(() => { let n = 0; for (const l of (window.__tripswitchLost || [])) {"
            + " if (l.gl.isContextLost()) { l.ext.restoreContext(); n++; } } window.__tripswitchLost = []; return n; })()";

    private static final String STATE = "(() => { const p = document.getElementById('__tripswitch_gpu_probe');"
            + " const gl = p && p.getContext('webgl'); const fresh = document.createElement('canvas').getContext('webgl');"
            + " return {probeLost: !!gl && gl.isContextLost(), lostEvents: (window.__tripswitchGpu || {}).lost || 0,"
            + " newContext: fresh ? (fresh.isContextLost() ? 'lost' : 'available') : 'refused'}; })()";

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) {
        CdpChannel channel = session.openChannel();
        try {
            if (!Boolean.TRUE.equals(PageProbe.eval(channel, PROBE))) {
                channel.close();
                return new ActiveFailure("none", false, "WebGL is not available on this page, so there is no GPU"
                        + " context to break", true, null, ActiveFailure.NOTHING);
            }
            switch (intensity) {
                case MILD:
                    return loseContexts(channel);
                case MODERATE:
                    return crashGpuProcess(channel, 1, currentUrl(session));
                default:
                    return crashGpuProcess(channel, 3, currentUrl(session));
            }
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ActiveFailure loseContexts(CdpChannel channel) {
        Object lost = PageProbe.eval(channel, LOSE_ALL);
        // the context-lost event comes asynchronously: wait for it, longer on a busy machine
        PageProbe.within(SETTLE, () -> {
            Map<String, Object> events = events(channel);
            return Boolean.TRUE.equals(events.get("probeLost")) && number(events.get("lost")) >= 1;
        });
        Map<String, Object> state = state(channel);
        boolean verified = Boolean.TRUE.equals(state.get("probeLost")) && number(state.get("lostEvents")) >= 1;
        return new ActiveFailure("WEBGL_lose_context.loseContext() on every WebGL context of the page", verified,
                lost + " context(s) lost; " + describe(state), true, null, s -> {
                    try {
                        PageProbe.eval(channel, RESTORE_ALL);
                    } finally {
                        channel.close();
                    }
                });
    }

    private static String currentUrl(BrowserSession session) {
        try {
            return session.rawDriver().getCurrentUrl();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ActiveFailure crashGpuProcess(CdpChannel channel, int times, String url) {
        for (int i = 0; i < times; i++) {
            long lostBefore = number(events(channel).get("lost"));
            long restoredBefore = number(events(channel).get("restored"));
            channel.call("Browser.crashGpuProcess", Map.of());
            PageProbe.pause(700);
            // each crash must land on a running GPU process to count: wait until the page has seen the loss and,
            // before the next crash, the new GPU process (its context restored); longer on a busy machine
            PageProbe.within(SETTLE, () -> number(events(channel).get("lost")) > lostBefore);
            if (i < times - 1) {
                PageProbe.within(SETTLE, () -> number(events(channel).get("restored")) > restoredBefore);
            }
        }
        Map<String, Object> state = state(channel);
        boolean lostSeen = number(state.get("lostEvents")) >= 1;
        boolean verified = times == 1 ? lostSeen : lostSeen && "refused".equals(state.get("newContext"));
        channel.close();
        String mechanism = "Browser.crashGpuProcess" + (times == 1 ? "" : " x" + times);
        return new ActiveFailure(mechanism, verified, describe(state), false, null, s -> {
            if (!webGlAvailable(s)) {
                s.restart(); // Chromium keeps WebGL off after repeated GPU crashes until the browser restarts
                if (url != null && url.startsWith("http")) {
                    s.firstLoad(url);
                }
            }
        });
    }

    private static boolean webGlAvailable(BrowserSession session) {
        try (CdpChannel c = session.openChannel()) {
            return Boolean.TRUE.equals(PageProbe.eval(c,
                    "(() => { const g = document.createElement('canvas').getContext('webgl'); return !!g && !g.isContextLost(); })()"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The probe's context-lost state and event counts, without creating a context (safe to ask repeatedly). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> events(CdpChannel channel) {
        Object v = PageProbe.eval(channel, EVENTS);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(CdpChannel channel) {
        Object v = PageProbe.eval(channel, STATE);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    private static long number(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    private static String describe(Map<String, Object> state) {
        return "probe context lost=" + state.get("probeLost") + ", webglcontextlost events=" + state.get("lostEvents")
                + ", a new WebGL context is " + state.get("newContext");
    }
}
