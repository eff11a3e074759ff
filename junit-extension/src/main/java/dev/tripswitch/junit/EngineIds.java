package dev.tripswitch.junit;

import org.junit.platform.engine.UniqueId;

import java.util.List;

/**
 * The ids of Jupiter's tests. The {@code tripswitch} engine runs Jupiter under its own engine id, so its tests' ids
 * begin with {@code [engine:tripswitch]}; the ids core, the history and the reports keep are Jupiter's
 * ({@code [engine:junit-jupiter]}), the same whichever engine ran the test.
 */
final class EngineIds {

    static final String JUPITER = "junit-jupiter";
    /** How Jupiter's ids begin. */
    static final String JUPITER_PREFIX = "[engine:" + JUPITER + "]";
    private static final String TRIPSWITCH_PREFIX = "[engine:" + ReplayingEngine.ID + "]";

    private EngineIds() {
    }

    /** {@code id} as Jupiter gives it: the tripswitch engine's prefix replaced by Jupiter's; other ids as they are. */
    static String asJupiter(String id) {
        return id.startsWith(TRIPSWITCH_PREFIX) ? JUPITER_PREFIX + id.substring(TRIPSWITCH_PREFIX.length()) : id;
    }

    /** {@code id} with {@code engineId} in front instead of its own engine's id. */
    static UniqueId withEngine(UniqueId id, String engineId) {
        List<UniqueId.Segment> segments = id.getSegments();
        UniqueId out = UniqueId.forEngine(engineId);
        for (UniqueId.Segment s : segments.subList(1, segments.size())) {
            out = out.append(s);
        }
        return out;
    }
}
