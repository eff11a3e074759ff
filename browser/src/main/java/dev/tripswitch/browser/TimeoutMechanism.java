package dev.tripswitch.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * TIMEOUT: MILD blocks the page's main thread with a busy loop for the session's page-load timeout plus
 * 1.5 s, so driver commands in that window fail with ChromeDriver's "Timed out receiving message from renderer",
 * then the page answers again by itself; MODERATE holds every network request ({@code Fetch.enable} with no
 * answer) so page loads and fetches never complete; SEVERE blocks the main thread with an endless loop. Observed
 * by a trivial evaluation that gets no answer within 700 ms (MILD, SEVERE) or a fetch that has not completed
 * after 1 s (MODERATE). Undone by {@code Runtime.terminateExecution} (the loops) or {@code Fetch.disable},
 * which lets the held requests go on.
 */
final class TimeoutMechanism implements FailureMechanism {

    static final Duration UNANSWERED = Duration.ofMillis(700);

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) {
        CdpChannel channel = session.openChannel();
        try {
            if (intensity == FailureIntensity.MODERATE) {
                return holdRequests(channel);
            }
            Duration block = intensity == FailureIntensity.MILD
                    ? session.settings().pageLoadTimeout().plusMillis(1500) : null;
            String loop = block == null ? "while (true) {}"
                    : "const end = Date.now() + " + block.toMillis() + "; while (Date.now() < end) {}";
            PageProbe.eval(channel, "setTimeout(() => { " + loop + " }, 0); true");
            PageProbe.pause(150);
            String observation;
            boolean verified;
            try {
                PageProbe.eval(channel, "1", UNANSWERED);
                verified = false;
                observation = "the page still answered a trivial evaluation";
            } catch (org.openqa.selenium.TimeoutException e) {
                verified = true;
                observation = "the page gave no answer to a trivial evaluation within " + UNANSWERED.toMillis() + " ms";
            }
            String what = block == null ? "endless busy loop on the page's main thread"
                    : "busy loop on the page's main thread for " + block.toMillis() + " ms";
            return new ActiveFailure(what, verified, observation, true, block, s -> {
                try {
                    // terminateExecution with nothing running would kill the next script instead: check first
                    if (!answers(channel)) {
                        channel.call("Runtime.terminateExecution", Map.of());
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

    /** Whether the page answers a trivial evaluation; a free page on a loaded machine can take a while. */
    private static boolean answers(CdpChannel channel) {
        try {
            PageProbe.eval(channel, "1", Duration.ofSeconds(2));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private static ActiveFailure holdRequests(CdpChannel channel) {
        channel.call("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*"))));
        Map<String, Object> probe = PageProbe.fetchCurrentPage(channel, 1000);
        boolean verified = !PageProbe.skipped(probe) && Boolean.FALSE.equals(probe.get("ok"))
                && PageProbe.millis(probe) >= 900;
        return new ActiveFailure("Fetch.enable holding every request without an answer", verified,
                ConnectionFailureMechanism.describe(probe) + " (aborted after 1000 ms)", true, null, s -> {
                    try {
                        channel.call("Fetch.disable", Map.of());
                    } finally {
                        channel.close();
                    }
                });
    }
}
