package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which node a session is asked on while a node's circuit is open (the rule alone, nodes as /status lists them). */
class NodeSteeringTest {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().build();
    private final NodeCircuits circuits = new NodeCircuits(registry, null);

    private static GridNode node(int port, String tag, boolean up, String lastStarted, boolean busy) {
        return new GridNode("id-" + port, URI.create("http://127.0.0.1:" + port), up,
                Map.of("slot-" + port, new GridNode.SlotUse(lastStarted, busy)), tag);
    }

    /** The node chosen when no request of this JVM waits for an answer. */
    private GridNode steerTo(List<GridNode> nodes) {
        return circuits.steerTo(nodes, tag -> 0);
    }

    private void open(GridNode n) {
        for (int i = 0; i < 5; i++) { // the default failureThreshold
            circuits.of(n.uri()).recordFailure(new IOException("driver broken"));
        }
        assertThat(circuits.of(n.uri()).state()).as("the node's circuit is open").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void noOpenNode_theGridChooses() {
        List<GridNode> nodes = List.of(node(1, "a", true, "2026-12-02T10:00:00Z", false),
                node(2, "b", true, "2026-12-02T10:00:01Z", false));

        assertThat(steerTo(nodes)).isNull();
    }

    @Test
    void anOpenNode_sendsTheSessionToTheFreeNodeThatStartedLeastRecently() {
        GridNode broken = node(1, "a", true, "2026-12-02T10:00:09Z", false);
        GridNode recent = node(2, "b", true, "2026-12-02T10:00:05Z", false);
        GridNode earlier = node(3, "c", true, "2026-12-02T10:00:04.5Z", false);
        GridNode busy = node(4, "d", true, "1970-01-01T00:00:00Z", true);
        open(broken);

        assertThat(steerTo(List.of(broken, recent, earlier, busy))).isEqualTo(earlier);
    }

    @Test
    void anOpenNodeWithoutATag_cannotBeAvoidedThisWay_theGridChooses() {
        GridNode broken = node(1, null, true, "2026-12-02T10:00:00Z", false);
        open(broken);

        assertThat(steerTo(List.of(broken, node(2, "b", true, "2026-12-02T10:00:00Z", false)))).isNull();
    }

    @Test
    void aNodeThatIsNotUp_isNeitherAvoidedNorChosen() {
        GridNode down = node(1, "a", false, "2026-12-02T10:00:00Z", false);
        GridNode broken = node(2, "b", true, "2026-12-02T10:00:00Z", false);
        GridNode healthy = node(3, "c", true, "2026-12-02T10:00:01Z", false);
        open(broken);

        assertThat(steerTo(List.of(down, broken, healthy))).isEqualTo(healthy);
    }

    @Test
    void requestsOfThisJvmWaitingForAnAnswer_countAgainstTheirNode_soParallelSessionsGoToDifferentNodes() {
        GridNode broken = node(1, "a", true, "2026-12-02T10:00:09Z", false);
        GridNode earlier = node(2, "b", true, "2026-12-02T10:00:04Z", false);
        GridNode later = node(3, "c", true, "2026-12-02T10:00:05Z", false);
        open(broken);
        Map<String, Integer> asking = new java.util.HashMap<>();

        GridNode first = circuits.steerTo(List.of(broken, earlier, later), t -> asking.getOrDefault(t, 0));
        asking.merge(first.tag(), 1, Integer::sum);
        GridNode second = circuits.steerTo(List.of(broken, earlier, later), t -> asking.getOrDefault(t, 0));

        assertThat(first).isEqualTo(earlier);
        assertThat(second).as("the node already asked has no free slot left for this JVM").isEqualTo(later);
    }
}
