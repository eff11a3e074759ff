package dev.tripswitch.browser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API_ERROR: requests are intercepted ({@code Fetch.enable}) and answered by the browser itself
 * ({@code Fetch.fulfillRequest}) without reaching the server. MILD answers every second XHR/fetch request
 * (the first included) with HTTP 500; MODERATE answers every XHR/fetch request with HTTP 500; SEVERE answers
 * every request, page loads included, with HTTP 503 and {@code Retry-After: 120}. Other requests go on
 * unchanged. Observed by fetching the current page from inside the page and reading the status. Undone by
 * {@code Fetch.disable} and closing the DevTools connection.
 */
final class ApiErrorMechanism implements FailureMechanism {

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) {
        CdpChannel channel = session.openChannel();
        try {
            boolean everything = intensity == FailureIntensity.SEVERE;
            int status = everything ? 503 : 500;
            AtomicInteger seen = new AtomicInteger();
            String body = "{\"error\":\"injected by tripswitch\",\"status\":" + status + "}";
            Map<String, Object> answer = Map.of("responseCode", status,
                    "responseHeaders", List.of(Map.of("name", "Content-Type", "value", "application/json"),
                            Map.of("name", "Retry-After", "value", "120"),
                            Map.of("name", "Cache-Control", "value", "no-store")),
                    "body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            channel.on("Fetch.requestPaused", paused -> {
                Object id = paused.get("requestId");
                boolean fail = intensity != FailureIntensity.MILD || seen.getAndIncrement() % 2 == 0;
                if (fail) {
                    Map<String, Object> params = new java.util.HashMap<>(answer);
                    params.put("requestId", id);
                    channel.send("Fetch.fulfillRequest", params);
                } else {
                    channel.send("Fetch.continueRequest", Map.of("requestId", id));
                }
            });
            List<Map<String, Object>> patterns = everything
                    ? List.of(Map.of("urlPattern", "*", "requestStage", "Request"))
                    : List.of(Map.of("urlPattern", "*", "resourceType", "XHR", "requestStage", "Request"),
                    Map.of("urlPattern", "*", "resourceType", "Fetch", "requestStage", "Request"));
            channel.call("Fetch.enable", Map.of("patterns", patterns));

            Map<String, Object> first = PageProbe.fetchCurrentPage(channel, 10_000);
            boolean verified = !PageProbe.skipped(first) && PageProbe.status(first) == status;
            String observation = ConnectionFailureMechanism.describe(first);
            if (intensity == FailureIntensity.MILD && verified) {
                Map<String, Object> second = PageProbe.fetchCurrentPage(channel, 10_000);
                verified = PageProbe.status(second) != status && Boolean.TRUE.equals(second.get("ok"));
                observation = "first " + observation + "; second " + ConnectionFailureMechanism.describe(second);
            }
            String what = "Fetch.enable + Fetch.fulfillRequest HTTP " + status + " for "
                    + (everything ? "every request" : intensity == FailureIntensity.MILD
                    ? "every second XHR/fetch request" : "every XHR/fetch request");
            return new ActiveFailure(what, verified, observation, true, null, s -> {
                try {
                    channel.call("Fetch.disable", Map.of());
                } finally {
                    channel.close();
                }
            });
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
