package dev.tripswitch.browser.grid;

import org.openqa.selenium.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Tripswitch asks a stock Selenium Grid 4 besides WebDriver commands: its nodes ({@code GET /status}) and
 * the node a session runs on ({@code POST /graphql}, {@code session(id) { nodeId nodeUri }}). Each call is
 * bounded by {@link #TIMEOUT}; a Grid that does not answer is an {@link IllegalStateException} naming the call.
 */
final class GridClient {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final Json JSON = new Json();
    /** One client for every Grid: each JDK client keeps a selector thread of its own. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI grid;

    GridClient(URI grid) {
        this.grid = grid;
    }

    URI address() {
        return grid;
    }

    /** Every node the Grid knows, in the order it lists them. */
    @SuppressWarnings("unchecked")
    List<GridNode> nodes() {
        Map<String, Object> value = (Map<String, Object>) call(HttpRequest.newBuilder(grid.resolve(
                grid.getPath() + "/status")).GET(), "/status").get("value");
        List<GridNode> out = new ArrayList<>();
        Object nodes = value == null ? null : value.get("nodes");
        if (!(nodes instanceof List)) {
            return out;
        }
        for (Object n : (List<Object>) nodes) {
            Map<String, Object> node = (Map<String, Object>) n;
            Map<String, GridNode.SlotUse> slots = new HashMap<>();
            String tag = null;
            for (Object s : (List<Object>) node.getOrDefault("slots", List.of())) {
                Map<String, Object> slot = (Map<String, Object>) s;
                Map<String, Object> id = (Map<String, Object>) slot.get("id");
                slots.put(String.valueOf(id == null ? slot : id.get("id")), new GridNode.SlotUse(
                        String.valueOf(slot.get("lastStarted")), slot.get("session") != null));
                Object tagged = slot.get("stereotype") instanceof Map<?, ?> st ? st.get(GridNode.TAG) : null;
                if (tag == null && tagged != null) {
                    tag = String.valueOf(tagged);
                }
            }
            out.add(new GridNode(String.valueOf(node.get("id")), URI.create(String.valueOf(node.get("uri"))),
                    "UP".equals(node.get("availability")), slots, tag));
        }
        return out;
    }

    /** The URI of the node session {@code sessionId} runs on. */
    @SuppressWarnings("unchecked")
    URI nodeOf(String sessionId) {
        if (!sessionId.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a Grid session id: '" + sessionId + "'");
        }
        String query = "{ session(id: \"" + sessionId + "\") { nodeId nodeUri } }";
        Map<String, Object> answer = call(HttpRequest.newBuilder(grid.resolve(grid.getPath() + "/graphql"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("query", query)),
                        StandardCharsets.UTF_8)), "/graphql");
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        Map<String, Object> session = data == null ? null : (Map<String, Object>) data.get("session");
        if (session == null || session.get("nodeUri") == null) {
            throw new IllegalStateException("the Grid at " + grid + " does not know session " + sessionId
                    + " (GraphQL answered " + answer + ")");
        }
        return URI.create(String.valueOf(session.get("nodeUri")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Grid at " + grid + " answered " + what + " with HTTP "
                        + response.statusCode());
            }
            Object parsed = JSON.toType(response.body(), Json.MAP_TYPE);
            return parsed instanceof Map ? (Map<String, Object>) parsed : Map.of();
        } catch (IOException e) {
            throw new IllegalStateException("the Grid at " + grid + " did not answer " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the Grid at " + grid + " for " + what, e);
        }
    }
}
