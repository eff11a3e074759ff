package dev.tripswitch.browser;

import java.time.Duration;
import java.util.Map;

/**
 * RESOURCE_EXHAUSTION: the page's CPU is throttled ({@code Emulation.setCPUThrottlingRate}) 4x (MILD), 8x
 * (MODERATE) or 20x (SEVERE); MODERATE and SEVERE also fill the page's JavaScript heap with 256 MB / 768 MB of
 * ballast and send a {@code moderate} / {@code critical} memory-pressure signal. Observed by the page's
 * computing speed per CPU millisecond before and after ({@link PageProbe#computeRate}), and by the heap size
 * DevTools reports. Undone by resetting the rate to 1,
 * dropping the ballast and collecting garbage.
 */
final class ResourceExhaustionMechanism implements FailureMechanism {

    private static final Duration SLOW_SCRIPT = Duration.ofSeconds(60);

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) {
        int rate = intensity == FailureIntensity.MILD ? 4 : intensity == FailureIntensity.MODERATE ? 8 : 20;
        int ballastMb = intensity == FailureIntensity.MILD ? 0 : intensity == FailureIntensity.MODERATE ? 256 : 768;
        String pressure = intensity == FailureIntensity.MODERATE ? "moderate" : "critical";
        CdpChannel channel = session.openChannel();
        try {
            StringBuilder what = new StringBuilder("Emulation.setCPUThrottlingRate rate=" + rate);
            StringBuilder seen = new StringBuilder();
            boolean verified = true;
            if (ballastMb > 0) {
                double heapBefore = heapMb(channel);
                PageProbe.eval(channel, "(() => { const b = window.__tripswitchBallast = [];"
                        + " for (let i = 0; i < " + (ballastMb / 8) + "; i++) { b.push(new Array(1048576).fill(i + 0.5)); }"
                        + " return b.length; })()", SLOW_SCRIPT);
                double grown = heapMb(channel) - heapBefore;
                String pressureSeen;
                try {
                    channel.call("Memory.simulatePressureNotification", Map.of("level", pressure));
                    pressureSeen = "memory-pressure signal '" + pressure + "' sent";
                } catch (RuntimeException e) {
                    pressureSeen = "memory-pressure signal refused by the browser";
                }
                what.append(", ").append(ballastMb).append(" MB JavaScript heap ballast, Memory.simulatePressureNotification ")
                        .append(pressure);
                seen.append(String.format("heap grew by %.0f MB; %s; ", grown, pressureSeen));
                verified = grown >= ballastMb * 0.8;
            }
            // the page's computing speed per CPU millisecond, unthrottled (best of three runs) then throttled
            // (median of three): load from other processes does not change it, throttling does; up to three pairs
            double before = 0;
            double after = 0;
            double slowdown = 0;
            for (int pair = 0; pair < 3 && slowdown < 2.0; pair++) {
                channel.call("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
                before = PageProbe.computeRate(channel, SLOW_SCRIPT)[2];
                channel.call("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
                after = PageProbe.computeRate(channel, SLOW_SCRIPT)[1];
                slowdown = after > 0 ? before / after : 0;
            }
            seen.append(String.format("the page computed %.0f iterations per CPU millisecond unthrottled and %.0f"
                    + " throttled (%.1fx slower)", before, after, slowdown));
            verified &= slowdown >= 2.0;
            return new ActiveFailure(what.toString(), verified, seen.toString(), true, null, s -> {
                try {
                    channel.call("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
                    if (ballastMb > 0) {
                        PageProbe.eval(channel, "delete window.__tripswitchBallast; true");
                        channel.call("HeapProfiler.collectGarbage", Map.of());
                    }
                } finally {
                    channel.close();
                }
            });
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static double heapMb(CdpChannel channel) {
        Map<String, Object> usage = channel.call("Runtime.getHeapUsage", Map.of());
        Object used = usage.get("usedSize");
        return used instanceof Number ? ((Number) used).doubleValue() / (1024 * 1024) : 0;
    }
}
