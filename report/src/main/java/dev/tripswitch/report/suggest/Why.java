package dev.tripswitch.report.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one sentence that says why: what the history shows of the dependency (how long its outages lasted, its
 * blips), what the current settings did with that in the replay, and what the suggested ones do — figures a user
 * can check against the history and the run reports.
 */
final class Why {

    private Why() {
    }

    static String sentence(List<CircuitTimeline> fit, List<CircuitTimeline> check, Candidate current,
                           ReplayCost currentCost, Candidate best, ReplayCost bestCost) {
        List<CircuitTimeline> all = new ArrayList<>(fit);
        all.addAll(check);
        List<Long> lasted = new ArrayList<>();
        int endless = 0;
        int blips = 0;
        for (CircuitTimeline t : all) {
            blips += t.blips();
            for (Availability.Outage o : t.availability().outages()) {
                if (o.endless()) {
                    endless++;
                } else {
                    lasted.add(o.millis());
                }
            }
        }
        lasted.sort(Long::compare);
        StringBuilder s = new StringBuilder();
        int outages = lasted.size() + endless;
        s.append("in ").append(runs(all)).append(" the dependency was down ").append(times(outages));
        if (!lasted.isEmpty()) {
            s.append(lasted.size() < outages ? " (" + lasted.size() + " of them " : " (")
                    .append(range(lasted.get(0), lasted.get(lasted.size() - 1))).append(")");
        }
        if (endless > 0) {
            s.append(", ").append(endless).append(endless == 1 ? " outage lasted" : " outages lasted")
                    .append(" past the end of its run");
        }
        if (blips > 0) {
            s.append(", ").append(blips).append(blips == 1 ? " of them a blip that ended" : " of them blips that ended")
                    .append(" before the next test");
        }
        s.append("; with your settings the replay gives ").append(what(current, currentCost));
        if (!best.equals(current)) {
            s.append(", and with the suggested ones ").append(what(best, bestCost));
        }
        return s.append('.').toString();
    }

    private static String what(Candidate c, ReplayCost cost) {
        StringBuilder s = new StringBuilder();
        s.append(cost.failures()).append(cost.failures() == 1 ? " failure" : " failures");
        if (cost.probes() > 0) {
            s.append(", probes (first after ").append(DurationText.format(c.halfOpenAfter())).append(") that failed ")
                    .append(times((int) cost.failedProbes())).append(" of ").append(cost.probes());
        }
        s.append(", ").append(cost.lostTests()).append(cost.lostTests() == 1 ? " test" : " tests")
                .append(" skipped that would have passed once it was back");
        if (cost.waitedMillis() > 0) {
            s.append(", ").append(DurationText.seconds(cost.waitedMillis())).append(" of waiting");
        }
        if (cost.blipOpenings() > 0) {
            s.append(", ").append(cost.blipOpenings()).append(cost.blipOpenings() == 1 ? " opening" : " openings")
                    .append(" on a blip");
        }
        return s.toString();
    }

    private static String runs(List<CircuitTimeline> timelines) {
        long n = timelines.stream().map(CircuitTimeline::runId).distinct().count();
        return n + (n == 1 ? " run" : " runs");
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    private static String range(long lowMillis, long highMillis) {
        String low = secondsText(lowMillis);
        String high = secondsText(highMillis);
        return low.equals(high) ? "each about " + low : low + "\u2013" + high;
    }

    private static String secondsText(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : String.format(Locale.ROOT, "%d s", Math.round(millis / 1000.0));
    }
}
