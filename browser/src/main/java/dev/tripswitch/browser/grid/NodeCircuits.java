package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.TestRun;
import dev.tripswitch.WhenOpen;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The circuits of a Grid's nodes, {@code browser@<host:port>}, in a registry. A node circuit, made when a
 * session first reaches its node, has the settings of its own if it is given any
 * ({@code tripswitch.circuit.browser@<host:port>.<setting>}); else those of the circuit named by
 * {@link GridSettings#nodeCircuitsLike()} when that is set; else those of the circuit of the protected test that
 * opens the session ({@link TestRun#currentCircuit()}), or of circuit {@code browser} outside a protected test. A circuit
 * is taken as in force if it exists, else as its properties and the defaults give it. What is copied is the
 * counting and timing ({@code failureThreshold}, {@code halfOpenAfter}, {@code recoveryTimeout}, probes,
 * {@code recordOn}/{@code ignoreOn}); not the health check, which tells of the test's dependency, not of a node,
 * nor {@code whenOpen}: sessions never wait for a node, they go to another.
 *
 * <p>Node circuits are made by the registry like any other circuit: when it keeps its circuits in a store
 * ({@code tripswitch.store=file|redis://...}), a node opened by one JVM is open for every JVM and shard that uses
 * the same store and Grid. Selenium-free, so that run summaries can list node circuits without it.
 */
public final class NodeCircuits {

    /** A circuit name no node has: what the sources give a node circuit that has no settings of its own. */
    private static final String UNCONFIGURED = "browser@";
    /** Whose settings node circuits take when a session is opened outside a protected test. */
    static final String OUTSIDE_TESTS = GridSettings.DEFAULT_NODE_CIRCUIT_SETTINGS;

    private final CircuitBreakerRegistry registry;
    /** The circuit whose settings node circuits copy; {@code null}: the circuit of the test opening the session. */
    private final String like;
    /** The circuit of the protected test running on this thread, if any. */
    private final Supplier<Optional<CircuitBreaker>> testCircuit;

    NodeCircuits(CircuitBreakerRegistry registry, String like) {
        this(registry, like, TestRun::currentCircuit);
    }

    NodeCircuits(CircuitBreakerRegistry registry, String like, Supplier<Optional<CircuitBreaker>> testCircuit) {
        this.registry = registry;
        this.like = like;
        this.testCircuit = testCircuit;
    }

    CircuitBreaker of(URI node) {
        String name = GridNode.circuitName(node);
        return registry.find(name).orElseGet(() -> {
            CircuitBreakerConfig own = registry.configFromSources(name);
            if (!own.equals(registry.configFromSources(UNCONFIGURED))) {
                return registry.circuit(name);
            }
            CircuitBreakerConfig base = like != null ? inForce(like)
                    : testCircuit.get().map(CircuitBreaker::config).orElseGet(() -> inForce(OUTSIDE_TESTS));
            return registry.circuit(name, forNode(base));
        });
    }

    private CircuitBreakerConfig inForce(String circuit) {
        return registry.find(circuit).map(CircuitBreaker::config).orElseGet(() -> registry.configFromSources(circuit));
    }

    /** {@code base} without what is no node's business: its health check and whether callers wait. */
    static CircuitBreakerConfig forNode(CircuitBreakerConfig base) {
        if (base.healthCheck() == null && base.healthUrl() == null && base.whenOpen() == WhenOpen.SKIP) {
            return base;
        }
        return CircuitBreakerConfig.from(base).healthCheck(null).healthUrl(null).whenOpen(WhenOpen.SKIP).build();
    }

    /**
     * One line per node circuit of {@code registry} ({@code browser@<host:port>}): state, openings, failures,
     * successes, refused sessions; none when no session ran on a Grid.
     */
    public static List<String> summaryLines(CircuitBreakerRegistry registry) {
        return tallies(registry).stream().map(NodeTally::line).toList();
    }

    /** What each node circuit of {@code registry} did, in the order they were made. */
    static List<NodeTally> tallies(CircuitBreakerRegistry registry) {
        List<NodeTally> tallies = new ArrayList<>();
        for (CircuitBreaker c : registry.all()) {
            if (c.name().startsWith(UNCONFIGURED)) {
                tallies.add(NodeTally.of(c.snapshot()));
            }
        }
        return tallies;
    }

    /**
     * The node a session is to be asked on, by its {@linkplain GridNode#tag() tag}, when the Grid would otherwise
     * route sessions to a node whose circuit is OPEN: among the nodes that are {@code UP}, tagged and not OPEN,
     * the one with the most free slots once the requests of this JVM already asked of it and not yet answered
     * ({@code asking}, by tag) are taken off, and of those the one that started a session least recently (the
     * Grid's own order), so sessions are spread over the nodes left, parallel ones too. {@code null} (let the
     * Grid choose) when no node that is {@code UP} is OPEN, or when an open node is not tagged and so cannot be
     * avoided this way, or no other node is tagged. A HALF_OPEN node is not avoided: its probe has to land
     * somewhere.
     */
    GridNode steerTo(List<GridNode> nodes, ToIntFunction<String> asking) {
        boolean someOpen = false;
        GridNode best = null;
        int bestFree = 0;
        for (GridNode n : nodes) {
            if (!n.up()) {
                continue;
            }
            boolean open = of(n.uri()).state() == CircuitState.OPEN;
            if (open && n.tag() == null) {
                return null;
            }
            someOpen |= open;
            if (open || n.tag() == null) {
                continue;
            }
            int free = n.freeSlots() - asking.applyAsInt(n.tag());
            if (best == null || free > bestFree || free == bestFree && n.lastStart().isBefore(best.lastStart())) {
                best = n;
                bestFree = free;
            }
        }
        return someOpen ? best : null;
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
