package dev.tripswitch.browser.grid;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitSnapshot;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.ImmutableCapabilities;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.http.ClientConfig;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Opens browser sessions on a stock Selenium Grid 4 so that they avoid the nodes whose circuit is open.
 *
 * <p>Basic approach: the Grid cannot be told where not to route, so each session is asked and then checked.
 * Before each request the Grid's nodes are read ({@code /status}); if the circuit of every node that is
 * {@code UP} is OPEN, no session is asked and a {@link GridNodesOpenException} lists them (a test meeting it is
 * skipped). When some node's circuit is OPEN and the nodes carry a {@linkplain GridNode#TAG tag} in their
 * stereotypes, the request names a tagged node whose circuit is not OPEN (the one with the most free slots,
 * less the requests of this JVM that name it and wait for their answer, then the one that started a session
 * least recently), and the Grid's own slot matching sends it there: the
 * open node is not tried at all. A session that was created is placed on its node through GraphQL and needs a
 * permit of that node's circuit: refused (OPEN, or HALF_OPEN with its probe taken), it is quit and asked
 * again. A creation that failed is put on the node whose slot was started and holds no session (compared with
 * the {@code /status} read before); its circuit records the failure and the session is asked again. Both count
 * as attempts, at most {@link GridSettings#attempts()}; then the last failure is thrown. A failed creation that
 * cannot be put on one node (several were started at once by parallel tests) is thrown as it is: the test's own
 * circuit counts it.
 */
public final class GridSessions {

    /**
     * The session requests of this JVM that name a node and wait for the Grid's answer: per Grid, how many name
     * each tag. Steering takes them off the node's free slots, so parallel requests go to different nodes.
     */
    private static final ConcurrentMap<URI, Map<String, Integer>> ASKING = new ConcurrentHashMap<>();

    private final GridSettings settings;
    private final GridClient client;
    private final NodeCircuits circuits;

    public GridSessions(GridSettings settings, CircuitBreakerRegistry registry) {
        this.settings = settings;
        this.client = new GridClient(settings.remote());
        this.circuits = new NodeCircuits(registry, settings.nodeCircuitsLike());
    }

    /** The Grid's sessions with the JVM-wide registry's node circuits. */
    public static GridSessions of(GridSettings settings) {
        return new GridSessions(settings, CircuitBreakerRegistry.global());
    }

    /**
     * One line per node circuit of {@code registry} ({@code browser@<host:port>}): its state, how often it opened,
     * its failures, the sessions that ended well on it and the sessions it sent elsewhere; for run summaries.
     */
    public static List<String> nodeSummaryLines(CircuitBreakerRegistry registry) {
        return NodeCircuits.summaryLines(registry);
    }

    /** What each node circuit of {@code registry} did, to be added up over runs ({@link NodeTally#overRuns}). */
    public static List<NodeTally> nodeTallies(CircuitBreakerRegistry registry) {
        return NodeCircuits.tallies(registry);
    }

    /**
     * A session with {@code capabilities} on a node whose circuit admits it; the client waits at most
     * {@code config}'s read timeout for each command.
     *
     * @throws GridNodesOpenException      when the circuit of every node is open
     * @throws SessionNotCreatedException  the last creation failure when every attempt failed
     */
    public GridSession open(Capabilities capabilities, ClientConfig config) {
        WebDriverException last = null;
        List<String> refusedBy = new ArrayList<>();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            List<GridNode> before = client.nodes();
            List<CircuitSnapshot> open = circuits.everyNodeOpen(before);
            if (!open.isEmpty()) {
                throw new GridNodesOpenException(settings.remote(), open);
            }
            Map<String, Integer> asking = ASKING.computeIfAbsent(settings.remote(), grid -> new HashMap<>());
            GridNode steer;
            synchronized (asking) { // chosen and counted in at once: the next request sees this one
                steer = circuits.steerTo(before, tag -> asking.getOrDefault(tag, 0));
                if (steer != null) {
                    asking.merge(steer.tag(), 1, Integer::sum);
                }
            }
            Capabilities asked = steer == null ? capabilities
                    : capabilities.merge(new ImmutableCapabilities(GridNode.TAG, steer.tag()));
            RemoteWebDriver remote;
            try {
                remote = new RemoteWebDriver(settings.remote().toURL(), asked, config);
            } catch (SessionNotCreatedException e) {
                URI node = nodeThatFailed(before, client.nodes());
                if (node == null) {
                    throw e;
                }
                circuits.of(node).recordFailure(e);
                last = e;
                continue;
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(GridSettings.REMOTE + "=" + settings.remote() + ": " + e, e);
            } finally {
                if (steer != null) {
                    synchronized (asking) {
                        asking.computeIfPresent(steer.tag(), (tag, n) -> n > 1 ? n - 1 : null);
                    }
                }
            }
            GridSession session = admitted(remote, refusedBy);
            if (session != null) {
                return session;
            }
        }
        if (last != null) {
            throw last;
        }
        throw new SessionNotCreatedException("no session on a node whose circuit admits it in "
                + settings.attempts() + " attempts (" + GridSettings.ATTEMPTS + "); the Grid at " + settings.remote()
                + " placed them on " + String.join(", ", refusedBy));
    }

    /** The session with its node circuit's permit, or {@code null} (quit) when that circuit refuses it. */
    private GridSession admitted(RemoteWebDriver remote, List<String> refusedBy) {
        CircuitBreaker circuit;
        CircuitPermit permit;
        try {
            URI node = client.nodeOf(remote.getSessionId().toString());
            circuit = circuits.of(node);
            permit = circuit.tryAcquirePermission();
            if (permit != null) {
                // not augmented: Augmenter costs 40-100 ms a session, and DevTools goes through se:cdp without it
                return new GridSession(remote, remote, node, circuit, permit);
            }
        } catch (RuntimeException | Error e) {
            quietly(remote, e);
            throw e;
        }
        refusedBy.add(circuit.name() + " (" + circuit.state() + ")");
        quietly(remote, null);
        return null;
    }

    /** The node where a creation failed between the two readings, or {@code null} unless exactly one. */
    static URI nodeThatFailed(List<GridNode> before, List<GridNode> after) {
        URI found = null;
        for (GridNode n : after) {
            GridNode earlier = before.stream().filter(b -> b.id().equals(n.id())).findFirst().orElse(null);
            if (n.failedAStartSince(earlier)) {
                if (found != null) {
                    return null;
                }
                found = n.uri();
            }
        }
        return found;
    }

    private static void quietly(RemoteWebDriver remote, Throwable failure) {
        try {
            remote.quit();
        } catch (WebDriverException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
