package dev.tripswitch.browser;

import java.util.Map;

/**
 * CONNECTION_FAILURE: MILD emulates a slow network (1500 ms latency, 50 kB/s down); MODERATE refuses every
 * request (request interception answering each one with {@code ConnectionRefused}); SEVERE takes the page
 * offline ({@code Network.emulateNetworkConditions offline}). Observed by fetching the current page again from
 * inside the page. Undone by clearing the emulation / stopping interception and closing the DevTools connection.
 */
final class ConnectionFailureMechanism implements FailureMechanism {

    static final int MILD_LATENCY_MS = 1500;

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) {
        CdpChannel channel = session.openChannel();
        try {
            switch (intensity) {
                case MILD:
                    return slow(channel);
                case MODERATE:
                    return refused(channel);
                default:
                    return offline(channel);
            }
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ActiveFailure slow(CdpChannel channel) {
        channel.call("Network.enable", Map.of());
        channel.call("Network.emulateNetworkConditions", Map.of("offline", false, "latency", MILD_LATENCY_MS,
                "downloadThroughput", 50_000, "uploadThroughput", 25_000));
        Map<String, Object> probe = PageProbe.fetchCurrentPage(channel, 15_000);
        boolean verified = !PageProbe.skipped(probe) && PageProbe.millis(probe) >= MILD_LATENCY_MS * 0.8;
        return new ActiveFailure("Network.emulateNetworkConditions latency=" + MILD_LATENCY_MS
                + " ms, 50 kB/s down, 25 kB/s up", verified, describe(probe), true, null, s -> clear(channel));
    }

    private static ActiveFailure refused(CdpChannel channel) {
        channel.on("Fetch.requestPaused", paused -> channel.send("Fetch.failRequest",
                Map.of("requestId", paused.get("requestId"), "errorReason", "ConnectionRefused")));
        channel.call("Fetch.enable", Map.of("patterns", java.util.List.of(Map.of("urlPattern", "*"))));
        Map<String, Object> probe = PageProbe.fetchCurrentPage(channel, 10_000);
        boolean verified = !PageProbe.skipped(probe) && Boolean.FALSE.equals(probe.get("ok"));
        return new ActiveFailure("Fetch.enable + Fetch.failRequest(ConnectionRefused) for every request", verified,
                describe(probe), true, null, s -> {
                    try {
                        channel.call("Fetch.disable", Map.of());
                    } finally {
                        channel.close();
                    }
                });
    }

    private static ActiveFailure offline(CdpChannel channel) {
        channel.call("Network.enable", Map.of());
        channel.call("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        Object online = PageProbe.eval(channel, "navigator.onLine");
        Map<String, Object> probe = PageProbe.fetchCurrentPage(channel, 10_000);
        boolean verified = Boolean.FALSE.equals(online)
                && (PageProbe.skipped(probe) || Boolean.FALSE.equals(probe.get("ok")));
        return new ActiveFailure("Network.emulateNetworkConditions offline=true", verified,
                "navigator.onLine=" + online + "; " + describe(probe), true, null, s -> clear(channel));
    }

    private static void clear(CdpChannel channel) {
        try {
            channel.call("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            channel.call("Network.disable", Map.of());
        } finally {
            channel.close();
        }
    }

    static String describe(Map<String, Object> probe) {
        if (PageProbe.skipped(probe)) {
            return "the current page is not http(s), so no request could be observed";
        }
        if (Boolean.TRUE.equals(probe.get("ok"))) {
            return "fetching the page answered HTTP " + PageProbe.status(probe) + " after " + PageProbe.millis(probe)
                    + " ms";
        }
        return "fetching the page failed after " + PageProbe.millis(probe) + " ms: " + probe.get("error");
    }
}
