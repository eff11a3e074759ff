package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitSnapshot;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * No browser session was asked of the Grid because the circuit of every node it routes to is open. A test that
 * meets it is skipped with {@link #getMessage()}, which lists each node's circuit and its state; {@link #snapshot()}
 * is the node circuit whose next probe is due first.
 */
public final class GridNodesOpenException extends CircuitOpenException {

    private final transient List<CircuitSnapshot> nodes;
    private final String message;

    GridNodesOpenException(URI grid, List<CircuitSnapshot> nodes) {
        super(soonest(nodes));
        this.nodes = List.copyOf(nodes);
        this.message = "every node of the Selenium Grid at " + grid + " is refused by its circuit: "
                + nodes.stream().map(CircuitSnapshot::describe).collect(Collectors.joining("; "));
    }

    /** Each node circuit as it refused, in the order the Grid lists its nodes. */
    public List<CircuitSnapshot> nodes() {
        return nodes;
    }

    @Override
    public String getMessage() {
        return message;
    }

    private static CircuitSnapshot soonest(List<CircuitSnapshot> nodes) {
        return nodes.stream().min(Comparator.comparing(s -> s.nextProbeAt() == null ? java.time.Instant.MAX
                : s.nextProbeAt())).orElseThrow(() -> new IllegalArgumentException("no nodes"));
    }
}
