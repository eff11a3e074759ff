package dev.tripswitch.browser.grid;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a Selenium Grid as its {@code /status} reports it.
 *
 * @param id          the Grid's id for the node
 * @param uri         where the node listens
 * @param up          its availability is {@code UP} (the Grid routes sessions to it)
 * @param slotsStarted for each slot id, when a session was last started (or attempted) in it, and whether it
 *                    holds a session now
 * @param tag         the value of capability {@value #TAG} in the node's stereotype, or {@code null}: what a
 *                    session request names to be sent to this node (see {@link GridSessions})
 */
public record GridNode(String id, URI uri, boolean up, Map<String, SlotUse> slotsStarted, String tag) {

    /**
     * The stereotype capability that names a node: given a different value on each node (in the node's
     * {@code [[node.driver-configuration]] stereotype}), it lets Tripswitch ask the Grid for a session on one
     * chosen node, and so keep sessions off the nodes whose circuit is open without a failed start each time.
     */
    public static final String TAG = "tripswitch:node";

    /** A slot's last start (as the Grid writes it) and whether a session occupies it. */
    public record SlotUse(String lastStarted, boolean busy) {
    }

    public GridNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        slotsStarted = Map.copyOf(slotsStarted);
    }

    /** When a session was last started in one of its slots ({@link Instant#EPOCH} if never, or unreadable). */
    Instant lastStart() {
        Instant last = Instant.EPOCH;
        for (SlotUse u : slotsStarted.values()) {
            try {
                Instant t = Instant.parse(u.lastStarted());
                last = t.isAfter(last) ? t : last;
            } catch (DateTimeParseException e) {
                // a Grid that writes it otherwise: the node counts as never started
            }
        }
        return last;
    }

    /** How many of its slots hold no session now. */
    int freeSlots() {
        return (int) slotsStarted.values().stream().filter(u -> !u.busy()).count();
    }

    /** The node's circuit: {@code browser@<host:port>}, readable in skip reasons and summaries. */
    public String circuitName() {
        return circuitName(uri);
    }

    static String circuitName(URI nodeUri) {
        return "browser@" + nodeUri.getHost() + (nodeUri.getPort() < 0 ? "" : ":" + nodeUri.getPort());
    }

    /**
     * True when, compared with {@code before}, a slot of this node was started and holds no session: a session
     * creation that was tried here and failed.
     */
    boolean failedAStartSince(GridNode before) {
        if (before == null) {
            return false; // a node that joined meanwhile: nothing to compare with
        }
        for (Map.Entry<String, SlotUse> e : slotsStarted.entrySet()) {
            SlotUse earlier = before.slotsStarted.get(e.getKey());
            boolean started = earlier == null || !Objects.equals(earlier.lastStarted(), e.getValue().lastStarted());
            if (started && !e.getValue().busy()) {
                return true;
            }
        }
        return false;
    }
}
