package dev.tripswitch.report.suggest;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suggests a circuit's settings from the run history: it replays the circuit's recorded runs
 * ({@link Reconstruction}) through the real state machine ({@link CircuitReplay}) for every candidate of a
 * {@link CandidateGrid}, picks the cheapest on the older runs, and checks it on the newer ones.
 *
 * <ul>
 *   <li>The runs are split by time: the newest quarter (at least one run) is held out; the candidates are scored on
 *       the older runs only. The best one is suggested only when it costs no more than the current settings on the
 *       held-out runs; otherwise the advice is to keep the settings, and says why.</li>
 *   <li>A candidate that opens on a blip of the history (the failures stopped before the next test asked) is left
 *       out, unless {@code allowBlipOpenings}.</li>
 *   <li>Ties go to the current settings, then to Tripswitch's defaults, then to the candidate fewest grid steps
 *       from the current settings, then to the grid's order: the same history always gives the same advice.</li>
 * </ul>
 */
public final class Suggester {

    /** The fewest runs of a circuit a suggestion is made from, unless told otherwise. */
    public static final int DEFAULT_MIN_RUNS = 8;
    /** The fewest runs that leave at least one to check on and one to fit on. */
    public static final int LEAST_MIN_RUNS = 2;

    private final CandidateGrid grid;
    private final int minRuns;
    private final boolean allowBlipOpenings;

    public Suggester(CandidateGrid grid, int minRuns, boolean allowBlipOpenings) {
        if (minRuns < LEAST_MIN_RUNS) {
            throw new IllegalArgumentException("minRuns=" + minRuns + " is refused: must be at least "
                    + LEAST_MIN_RUNS + " (one run to fit on, one to check on)");
        }
        this.grid = grid;
        this.minRuns = minRuns;
        this.allowBlipOpenings = allowBlipOpenings;
    }

    /** The advice for {@code circuit} from {@code runs} (read with their tests, oldest first). */
    public CircuitAdvice suggest(String circuit, List<HistoryRun> runs) {
        List<HistoryRun> own = runs.stream().filter(r -> r.circuitNames().contains(circuit)).toList();
        if (own.size() < minRuns) {
            return new CircuitAdvice.TooLittleHistory(circuit, own.size(), minRuns);
        }
        int heldOut = Math.max(1, own.size() / 4);
        List<HistoryRun> older = own.subList(0, own.size() - heldOut);
        List<HistoryRun> newer = own.subList(own.size() - heldOut, own.size());
        List<CircuitTimeline> fit = Reconstruction.of(circuit, older);
        List<CircuitTimeline> check = Reconstruction.of(circuit, newer);
        if (fit.stream().allMatch(CircuitTimeline::quiet) && check.stream().allMatch(CircuitTimeline::quiet)) {
            return new CircuitAdvice.NothingToLearn(circuit, own.size());
        }
        Candidate current = Candidate.recorded(settingsOf(circuit, own.get(own.size() - 1)));
        boolean health = check.stream().anyMatch(CircuitTimeline::healthCheck)
                || fit.stream().anyMatch(CircuitTimeline::healthCheck);
        List<Candidate> candidates = grid.candidates(current, health);
        Candidate defaults = Candidate.defaults();

        Candidate best = null;
        ReplayCost bestCost = null;
        int refused = 0;
        Comparator<Candidate> preference = Comparator
                .comparing((Candidate c) -> !c.equals(current))
                .thenComparing(c -> !c.equals(defaults))
                .thenComparingInt(c -> grid.steps(c, current, current));
        for (Candidate c : candidates) {
            ReplayCost cost = costOn(fit, c);
            if (!allowBlipOpenings && (cost.blipOpenings() > 0 || costOn(check, c).blipOpenings() > 0)) {
                refused++;
                continue;
            }
            if (best == null || cost.total() < bestCost.total()
                    || cost.total() == bestCost.total() && preference.compare(c, best) < 0) {
                best = c;
                bestCost = cost;
            }
        }
        ReplayCost currentFit = costOn(fit, current);
        if (best == null || currentFit.total() <= bestCost.total()) {
            best = current; // nothing does better (or every candidate opened on a blip): keep the settings
            bestCost = currentFit;
        }
        ReplayCost currentCheck = costOn(check, current);
        ReplayCost bestCheck = costOn(check, best);
        boolean confirmed = bestCheck.total() <= currentCheck.total();
        String why = Why.sentence(fit, check, current, currentFit.plus(currentCheck), best,
                bestCost.plus(bestCheck));
        return new CircuitAdvice.Suggestion(circuit, own.size(), older.size(), newer.size(), health, current, best,
                currentFit, bestCost, currentCheck, bestCheck, confirmed, candidates.size(), refused, why);
    }

    /** What {@code candidate} costs over {@code timelines}. */
    public static ReplayCost costOn(List<CircuitTimeline> timelines, Candidate candidate) {
        ReplayCost sum = ReplayCost.NONE;
        for (CircuitTimeline t : timelines) {
            sum = sum.plus(CircuitReplay.cost(t, candidate));
        }
        return sum;
    }

    /** The circuit's settings as the run recorded them (its first part that has it). */
    static Map<String, String> settingsOf(String circuit, HistoryRun run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PartFile p : run.parts()) {
            for (PartFile.Circuit c : p.circuits()) {
                if (c.name().equals(circuit)) {
                    c.settings().forEach((k, v) -> out.put(k, v.value()));
                    return out;
                }
            }
        }
        return out;
    }

    /** Every circuit of {@code runs}, sorted. */
    public static List<String> circuitsOf(List<HistoryRun> runs) {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> r.circuitNames().forEach(n -> {
            if (!out.contains(n)) {
                out.add(n);
            }
        }));
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
