package dev.tripswitch.report.suggest;

import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Suggestions on histories made from known outages ({@link SyntheticHistory}), whose best settings are known: worked
 * out by hand, or found by scoring every candidate on the truth (the real availability and test times), which the
 * suggester never sees — it sees only what the runs recorded.
 */
class SuggesterTest {

    private static final SyntheticHistory.Suite SUITE = new SyntheticHistory.Suite(40, 500, 1000, 5000);
    private static final Candidate RECORDED = new Candidate(3, Duration.ofSeconds(30), Duration.ofSeconds(60),
            WhenOpen.SKIP, Duration.ofMinutes(2), Duration.ofSeconds(1));

    @Test
    void blipsOfTwoFailuresAndOutagesThatNeverEndGiveTheSmallestThresholdThatDoesNotOpenOnABlip() {
        // Worked out by hand: an outage that lasts past the run's end costs failureThreshold failures whatever else
        // is set (the skipped tests would not have passed), so the cheapest threshold is the smallest one allowed;
        // thresholds 1 and 2 open on the blips of two failures, so they are left out: 3.
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(12, 7, SUITE,
                new SyntheticHistory.Outages(0.7, 3_600_000, 3_600_000, 0.6, 2),
                new Candidate(5, Duration.ofSeconds(30), Duration.ofSeconds(60), WhenOpen.SKIP,
                        Duration.ofMinutes(2), Duration.ofSeconds(1)));
        CandidateGrid onlyThresholds = CandidateGrid.parse(Map.of("halfOpenAfter", "30s", "recoveryTimeout", "60s",
                "whenOpen", "SKIP"), s -> "-Dtripswitch." + s);

        CircuitAdvice.Suggestion s = (CircuitAdvice.Suggestion) new Suggester(onlyThresholds, 8, false)
                .suggest(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(runs));

        assertThat(s.suggested().failureThreshold()).isEqualTo(3);
        assertThat(s.changes()).containsExactly(Map.entry("failureThreshold", "3"));
        assertThat(s.bestFit().blipOpenings()).isZero();
        assertThat(s.refusedForBlips()).isEqualTo(2); // thresholds 1 and 2
        assertThat(s.why()).contains("blips that ended before the next test").contains("past the end of its run");
    }

    @Test
    void withBlipOpeningsAllowedTheThresholdMayOpenOnThem() {
        // tests 10 s apart, a few blips of one failure in 12 runs, and outages that never end: threshold 1 saves a
        // failure in each outage (65 s) and pays for each opening on a blip (its false alarm, 60 s, and the three
        // tests skipped while it is open for 30 s, 90 s)
        SyntheticHistory.Suite spaced = new SyntheticHistory.Suite(40, 10_000, 1000, 5000);
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(12, 7, spaced,
                new SyntheticHistory.Outages(0.9, 3_600_000, 3_600_000, 0.2, 1), RECORDED);
        CandidateGrid onlyThresholds = CandidateGrid.parse(Map.of("halfOpenAfter", "30s", "recoveryTimeout", "60s",
                "whenOpen", "SKIP"), s -> "-Dtripswitch." + s);

        CircuitAdvice.Suggestion refused = (CircuitAdvice.Suggestion) new Suggester(onlyThresholds, 8, false)
                .suggest(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(runs));
        CircuitAdvice.Suggestion allowed = (CircuitAdvice.Suggestion) new Suggester(onlyThresholds, 8, true)
                .suggest(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(runs));

        assertThat(refused.suggested().failureThreshold()).isEqualTo(2);
        assertThat(allowed.suggested().failureThreshold()).isEqualTo(1);
        assertThat(allowed.bestFit().blipOpenings()).isPositive();
    }

    @Test
    void onOutagesOfKnownLengthsTheSuggestionIsTheOptimumOfTheTruthOrWithinOneGridStepOfIt() {
        // tests 3 s apart, recorded by a circuit that skips but probes every 5 s, so that the history sees each
        // outage end before the run does (a
        // history that never sees its outages end takes them to outlast the run: docs/history.md, reconstruction)
        SyntheticHistory.Outages outages = new SyntheticHistory.Outages(0.7, 20_000, 80_000, 0.3, 1);
        Candidate probing = new Candidate(3, Duration.ofSeconds(5), Duration.ofSeconds(5), WhenOpen.SKIP,
                Duration.ofMinutes(2), Duration.ofSeconds(1));
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(24, 11, new SyntheticHistory.Suite(60, 3000, 1000,
                5000), outages, probing);
        CandidateGrid grid = CandidateGrid.standard();

        CircuitAdvice.Suggestion s = (CircuitAdvice.Suggestion) new Suggester(grid, 8, false)
                .suggest(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(runs));

        // the optimum found independently: every candidate scored on what really happened in the same runs
        List<CircuitTimeline> truth = SyntheticHistory.truths(runs.subList(0, s.fitRuns()));
        Candidate optimum = grid.candidates(probing, false).stream()
                .filter(c -> Suggester.costOn(truth, c).blipOpenings() == 0)
                .min(Comparator.comparingLong(c -> Suggester.costOn(truth, c).total())).orElseThrow();
        long optimumCost = Suggester.costOn(truth, optimum).total();
        long bestCost = Suggester.costOn(truth, s.best()).total();
        assertThat(grid.steps(s.best(), optimum, probing) <= 1 || bestCost == optimumCost)
                .as("suggested %s (true cost %d) against the optimum %s (%d)", s.best(), bestCost, optimum,
                        optimumCost).isTrue();
        assertThat(bestCost).isLessThan(Suggester.costOn(truth, probing).total());
    }

    @Test
    void fittedOnTheOlderRunsTheSuggestionCostsNoMoreThanTheCurrentSettingsOnTheNewerOnes() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(32, 23, SUITE,
                new SyntheticHistory.Outages(0.6, 15_000, 120_000, 0.3, 2), RECORDED);
        List<SyntheticHistory.Run> older = runs.subList(0, 24);
        List<SyntheticHistory.Run> newer = runs.subList(24, 32);

        CircuitAdvice.Suggestion s = (CircuitAdvice.Suggestion) new Suggester(CandidateGrid.standard(), 8, false)
                .suggest(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(older));

        List<CircuitTimeline> heldOut = Reconstruction.of(SyntheticHistory.CIRCUIT, SyntheticHistory.recorded(newer));
        assertThat(Suggester.costOn(heldOut, s.suggested()).total())
                .isLessThanOrEqualTo(Suggester.costOn(heldOut, RECORDED).total());
        List<CircuitTimeline> truth = SyntheticHistory.truths(newer);
        assertThat(Suggester.costOn(truth, s.suggested()).total())
                .isLessThanOrEqualTo(Suggester.costOn(truth, RECORDED).total());
    }

    @Test
    void theSameHistoryGivesTheSameAdvice() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(10, 5, SUITE,
                new SyntheticHistory.Outages(0.7, 20_000, 60_000, 0.2, 1), RECORDED);
        CandidateGrid grid = CandidateGrid.parse(Map.of("whenOpen", "SKIP,REPLAY"), s -> s);

        CircuitAdvice first = new Suggester(grid, 8, false).suggest("shop", SyntheticHistory.recorded(runs));
        CircuitAdvice second = new Suggester(grid, 8, false).suggest("shop", SyntheticHistory.recorded(runs));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void tooLittleHistorySaysHowManyRunsItNeeds() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(5, 3, SUITE,
                new SyntheticHistory.Outages(1, 20_000, 60_000, 0, 1), RECORDED);

        CircuitAdvice advice = new Suggester(CandidateGrid.standard(), 8, false)
                .suggest("shop", SyntheticHistory.recorded(runs));

        assertThat(advice).isEqualTo(new CircuitAdvice.TooLittleHistory("shop", 5, 8));
        assertThat(AdviceText.lines(advice, true)).anySatisfy(l -> assertThat(l)
                .contains("5 runs").contains("needs at least 8").contains("3 more"));
    }

    @Test
    void aHistoryWithoutOutagesHasNothingToTeach() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(9, 3, SUITE,
                new SyntheticHistory.Outages(0, 0, 0, 0, 1), RECORDED);

        CircuitAdvice advice = new Suggester(CandidateGrid.standard(), 8, false)
                .suggest("shop", SyntheticHistory.recorded(runs));

        assertThat(advice).isEqualTo(new CircuitAdvice.NothingToLearn("shop", 9));
    }

    @Test
    void anEmptyRangeIsRefusedNamingTheSettingTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("halfOpenAfter", "60s..10s"), s -> "-Dtripswitch." + s))
                .hasMessageContaining("-Dtripswitch.halfOpenAfter=60s..10s is refused")
                .hasMessageContaining("the range is empty (60s is longer than 10s)")
                .hasMessageContaining("must be a range low..high (low at most high) or a list of durations");
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("failureThreshold", "6..2"), s -> "-Dtripswitch." + s))
                .hasMessageContaining("-Dtripswitch.failureThreshold=6..2 is refused: the range is empty");
    }

    @Test
    void badValuesAreRefusedWithTheSettingsOwnMessage() {
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("failureThreshold", "0..3"), s -> "-Dtripswitch." + s))
                .hasMessageStartingWith("-Dtripswitch.failureThreshold=0..3 is refused: failureThreshold")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("maxWait", "soon"), s -> "-Dtripswitch." + s))
                .hasMessageContaining("-Dtripswitch.maxWait=soon is refused: must be a range");
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("whenOpen", "SKIP,NEVER"), s -> "-Dtripswitch." + s))
                .hasMessageContaining("-Dtripswitch.whenOpen=SKIP,NEVER is refused: must be one or more of SKIP,"
                        + " WAIT, REPLAY");
        assertThatThrownBy(() -> CandidateGrid.parse(Map.of("recoveryTimeout", "10s", "halfOpenAfter", "20s..60s"),
                s -> "-Dtripswitch." + s)).hasMessageContaining("-Dtripswitch.recoveryTimeout=10s is refused: it"
                + " leaves no candidate");
        assertThatThrownBy(() -> new Suggester(CandidateGrid.standard(), 1, false))
                .hasMessageContaining("minRuns=1 is refused: must be at least 2");
    }
}
