package dev.tripswitch.report.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The advice for a circuit as lines for a terminal: the costs, why, and what to paste. */
public final class AdviceText {

    private AdviceText() {
    }

    /**
     * @param costs with the table of costs (current and suggested, on the older and the newer runs)
     */
    public static List<String> lines(CircuitAdvice advice, boolean costs) {
        List<String> out = new ArrayList<>();
        String head = "circuit '" + advice.circuit() + "': ";
        if (advice instanceof CircuitAdvice.TooLittleHistory t) {
            out.add(head + "too little history: " + t.runs() + (t.runs() == 1 ? " run" : " runs") + " of it, and a"
                    + " suggestion needs at least " + t.needed() + " (" + (t.needed() - t.runs()) + " more), to fit"
                    + " on the older runs and check on the newer ones");
            return out;
        }
        if (advice instanceof CircuitAdvice.NothingToLearn n) {
            out.add(head + "nothing to learn: in " + n.runs() + " runs no test failed in a way that counts and no"
                    + " health check answered unhealthy, so every setting costs the same; keep your settings");
            return out;
        }
        CircuitAdvice.Suggestion s = (CircuitAdvice.Suggestion) advice;
        Map<String, String> changes = s.changes();
        out.add(head + s.runs() + " runs, the candidates scored on the older " + s.fitRuns() + " and the best one"
                + " checked on the newer " + s.heldOutRuns() + " (" + s.candidates() + " candidates"
                + (s.refusedForBlips() > 0 ? ", " + s.refusedForBlips() + " left out for opening on a blip" : "")
                + ")");
        out.add("  why: " + s.why());
        if (costs) {
            out.add(String.format(Locale.ROOT, "  %-28s %8s %12s %10s %6s %6s %10s", "", "failures", "doomed",
                    "waited", "lost", "blips", "cost"));
            row(out, "current, older " + s.fitRuns(), s.currentFit());
            if (!s.best().equals(s.current())) {
                row(out, "best, older " + s.fitRuns(), s.bestFit());
            }
            row(out, "current, newer " + s.heldOutRuns(), s.currentHeldOut());
            if (!s.best().equals(s.current())) {
                row(out, "best, newer " + s.heldOutRuns(), s.bestHeldOut());
            }
            out.add("  (doomed: time on tests that failed and on waiting in vain; lost: skipped tests that would have"
                    + " passed once it was back; blips: openings on a blip; cost: all of it in minutes of your time,"
                    + " a failure " + ReplayCost.FAILURE_MILLIS / 1000 + " s, a lost test "
                    + ReplayCost.LOST_TEST_MILLIS / 1000 + " s, a blip opening "
                    + ReplayCost.BLIP_OPENING_MILLIS / 1000 + " s)");
        }
        if (!s.confirmed()) {
            out.add("  keep your settings: the best candidate on the older runs (" + describe(s.best()
                    .changesFrom(s.current(), s.healthCheck())) + ") costs more than your settings on the newer"
                    + " runs (" + ReplayCost.minutes(s.bestHeldOut().total()) + " against "
                    + ReplayCost.minutes(s.currentHeldOut().total()) + ")");
        } else if (changes.isEmpty()) {
            out.add("  keep your settings: no candidate does better on these runs");
        } else {
            out.add("  suggested: " + describe(changes) + " (from " + describe(pick(s.current().asProperties(),
                    changes)) + ")");
            out.add("  paste on the annotation: " + PasteLines.annotation(s.circuit(), changes));
            out.add("  or into tripswitch.properties:");
            PasteLines.properties(s.circuit(), changes).forEach(l -> out.add("    " + l));
        }
        return out;
    }

    private static void row(List<String> out, String label, ReplayCost c) {
        out.add(String.format(Locale.ROOT, "  %-28s %8d %12s %10s %6d %6d %10s", label, c.failures(),
                DurationText.seconds(c.doomedMillis()), DurationText.seconds(c.waitedMillis()), c.lostTests(),
                c.blipOpenings(), ReplayCost.minutes(c.total())));
    }

    private static Map<String, String> pick(Map<String, String> all, Map<String, String> names) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        names.keySet().forEach(n -> out.put(n, all.get(n)));
        return out;
    }

    static String describe(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + " " + v));
        return parts.isEmpty() ? "the same settings" : String.join(", ", parts);
    }
}
