package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The circuits of a Grid's nodes, {@code browser@<host:port>}, in a registry. A node circuit has the settings
 * of the circuit named by {@link GridSettings#nodeCircuitsLike()} (as in force if that circuit exists, else as
 * its properties and the defaults give them), unless the node circuit is given settings of its own.
 *
 * <p>Node circuits are made by the registry like any other circuit: when it keeps its circuits in a store
 * ({@code tripswitch.store=file|redis://...}), a node opened by one JVM is open for every JVM and shard that uses
 * the same store and Grid. Selenium-free, so that run summaries can list node circuits without it.
 */
public final class NodeCircuits {

    /** A circuit name no node has: what the sources give a node circuit that has no settings of its own. */
    private static final String UNCONFIGURED = "browser@";

    private final CircuitBreakerRegistry registry;
    private final String like;

    NodeCircuits(CircuitBreakerRegistry registry, String like) {
        this.registry = registry;
        this.like = like;
    }

    CircuitBreaker of(URI node) {
        String name = GridNode.circuitName(node);
        return registry.find(name).orElseGet(() -> {
            CircuitBreakerConfig own = registry.configFromSources(name);
            if (!own.equals(registry.configFromSources(UNCONFIGURED))) {
                return registry.circuit(name);
            }
            CircuitBreakerConfig base = registry.find(like).map(CircuitBreaker::config)
                    .orElseGet(() -> registry.configFromSources(like));
            return registry.circuit(name, base);
        });
    }

    /**
     * One line per node circuit of {@code registry} ({@code browser@<host:port>}): state, openings, failures,
     * successes, refused sessions; none when no session ran on a Grid.
     */
    public static List<String> summaryLines(CircuitBreakerRegistry registry) {
        List<String> lines = new ArrayList<>();
        for (CircuitBreaker c : registry.all()) {
            if (!c.name().startsWith(UNCONFIGURED)) {
                continue;
            }
            CircuitSnapshot s = c.snapshot();
            lines.add(c.name() + ": " + s.state() + ", opened " + s.timesOpened() + " time(s), " + s.totalFailures()
                    + " failure(s), " + s.totalSuccesses() + " session(s) ended well, " + s.totalRejected()
                    + " session(s) sent elsewhere" + (s.lastFailure() == null ? ""
                    : "; last failure: " + s.lastFailure().describe()));
        }
        return lines;
    }

    /**
     * The node circuits of the nodes sessions can go to ({@code UP}) when every one of them is OPEN; empty when
     * some node may take a session (or the Grid lists none: then the Grid itself answers the request).
     */
    List<CircuitSnapshot> everyNodeOpen(List<GridNode> nodes) {
        List<CircuitSnapshot> open = new ArrayList<>();
        for (GridNode n : nodes) {
            if (!n.up()) {
                continue;
            }
            CircuitBreaker c = of(n.uri());
            if (c.state() != CircuitState.OPEN) {
                return List.of();
            }
            open.add(c.snapshot());
        }
        return open;
    }
}
