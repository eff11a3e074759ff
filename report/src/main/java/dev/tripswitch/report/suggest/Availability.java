package dev.tripswitch.report.suggest;

import java.util.ArrayList;
import java.util.List;

/**
 * When the dependency behind a circuit was down during one part of a run: disjoint intervals of milliseconds from
 * the part's start, oldest first; up everywhere else. The last interval may have no end ({@link Long#MAX_VALUE}):
 * the dependency was still down when the part ended and nothing showed it back.
 */
public final class Availability {

    /**
     * One interval the dependency was down: from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param blip the history saw it end before the test after its last failure asked: a blip
     */
    public record Outage(long from, long to, boolean blip) {

        public Outage(long from, long to) {
            this(from, to, false);
        }

        public long millis() {
            return to == Long.MAX_VALUE ? Long.MAX_VALUE : to - from;
        }

        /** True when no sign showed the dependency back before the part ended. */
        public boolean endless() {
            return to == Long.MAX_VALUE;
        }
    }

    private static final Availability ALWAYS_UP = new Availability(List.of());

    private final List<Outage> outages;

    private Availability(List<Outage> outages) {
        this.outages = List.copyOf(outages);
    }

    public static Availability alwaysUp() {
        return ALWAYS_UP;
    }

    /** Availability with these outages; they are sorted and overlapping ones merged. */
    public static Availability withOutages(List<Outage> given) {
        List<Outage> sorted = new ArrayList<>(given);
        sorted.removeIf(o -> o.to() <= o.from());
        sorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        List<Outage> merged = new ArrayList<>();
        for (Outage o : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).to() >= o.from()) {
                Outage last = merged.remove(merged.size() - 1);
                merged.add(new Outage(last.from(), Math.max(last.to(), o.to()), false));
            } else {
                merged.add(o);
            }
        }
        return new Availability(merged);
    }

    public List<Outage> outages() {
        return outages;
    }

    /** True when some outage covers the moment {@code at}. */
    public boolean isDown(long at) {
        return outageAt(at) != null;
    }

    /** True when the dependency is up at some moment of [{@code from}, {@code to}]. */
    public boolean upAnywhereIn(long from, long to) {
        Outage o = outageAt(from);
        return o == null || o.to() <= to;
    }

    /** True when the moment {@code at} falls in an outage the history saw as a blip. */
    public boolean blipAt(long at) {
        Outage o = outageAt(at);
        return o != null && o.blip();
    }

    private Outage outageAt(long at) {
        int lo = 0;
        int hi = outages.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Outage o = outages.get(mid);
            if (at < o.from()) {
                hi = mid - 1;
            } else if (at >= o.to()) {
                lo = mid + 1;
            } else {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Availability" + outages;
    }
}
