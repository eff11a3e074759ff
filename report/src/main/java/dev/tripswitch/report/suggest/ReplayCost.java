package dev.tripswitch.report.suggest;

/**
 * What a replay cost, in what a user pays; costs of several replays add up.
 *
 * @param failures      counted failures reported: tests that ran while the dependency was down
 * @param doomedMillis  time spent on doomed tests: those failures' own time, and waiting that ended in a skip
 * @param waitedMillis  time tests waited for the circuit before they ran (whenOpen WAIT, and the end-of-run wait
 *                      of REPLAY)
 * @param lostTests     tests skipped that would have passed once the dependency was back: skipped (or deferred and
 *                      never run again) in an outage the history shows ending (in the recorded run, whether or not
 *                      the replayed run lasted until then)
 * @param blipOpenings  openings on a blip of the history: the circuit opened on failures that, in the history, stopped
 *                      before the next test
 * @param openings      openings from CLOSED
 * @param probes        tests let through as half-open probes
 * @param failedProbes  probes that failed
 */
public record ReplayCost(long failures, long doomedMillis, long waitedMillis, long lostTests, long blipOpenings,
                         long openings, long probes, long failedProbes) {

    /** What a reported failure costs a user, in milliseconds of their time: reading it, finding it was no bug. */
    public static final long FAILURE_MILLIS = 60_000;
    /** What a test skipped that would have passed costs: the coverage lost, to be run again by hand. */
    public static final long LOST_TEST_MILLIS = 30_000;
    /** What an opening on a blip costs beyond its skipped tests and waits: a false alarm to look into. */
    public static final long BLIP_OPENING_MILLIS = 60_000;

    public static final ReplayCost NONE = new ReplayCost(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The cost as one figure, in milliseconds of a user's time: the time on doomed tests and on waiting, and each
     * failure, lost test and blip opening at its weight above. Whole milliseconds, so equal costs are equal.
     */
    public long total() {
        return doomedMillis + waitedMillis + failures * FAILURE_MILLIS + lostTests * LOST_TEST_MILLIS
                + blipOpenings * BLIP_OPENING_MILLIS;
    }

    public ReplayCost plus(ReplayCost o) {
        return new ReplayCost(failures + o.failures, doomedMillis + o.doomedMillis, waitedMillis + o.waitedMillis,
                lostTests + o.lostTests, blipOpenings + o.blipOpenings, openings + o.openings, probes + o.probes,
                failedProbes + o.failedProbes);
    }

    /** "12 failures, 48.0 s on doomed tests, 0 s waiting, 3 tests lost, 1 blip opening: 27.1 min". */
    public String describe() {
        return failures + (failures == 1 ? " failure, " : " failures, ") + DurationText.seconds(doomedMillis)
                + " on doomed tests, " + DurationText.seconds(waitedMillis) + " waiting, " + lostTests
                + (lostTests == 1 ? " test" : " tests") + " lost, " + blipOpenings
                + (blipOpenings == 1 ? " blip opening" : " blip openings") + ": cost " + minutes(total());
    }

    static String minutes(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f min", millis / 60_000.0);
    }
}
