package dev.tripswitch.report.suggest;

import dev.tripswitch.WhenOpen;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.html.RunReportPage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run report's "Suggested settings" section: the costs, why, and the exact lines to paste. */
class SuggestedSettingsSectionTest {

    @Test
    void theReportShowsTheCostsWhyAndTheLinesToPaste() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(12, 7, new SyntheticHistory.Suite(40, 500, 1000, 5000),
                new SyntheticHistory.Outages(0.7, 3_600_000, 3_600_000, 0.6, 2),
                new Candidate(5, Duration.ofSeconds(30), Duration.ofSeconds(60), WhenOpen.SKIP, Duration.ofMinutes(2),
                        Duration.ofSeconds(1)));
        List<HistoryRun> history = SyntheticHistory.recorded(runs);
        CandidateGrid grid = CandidateGrid.parse(Map.of("halfOpenAfter", "30s", "recoveryTimeout", "60s",
                "whenOpen", "SKIP"), s -> s);
        CircuitAdvice advice = new Suggester(grid, 8, false).suggest("shop", history);

        String html = RunReportPage.render(history.get(history.size() - 1), history, "folder /h", Instant.EPOCH,
                List.of(advice), null);

        assertThat(html).contains("<h2>Suggested settings</h2>").contains("data-circuit=\"shop\"")
                .contains("Why: in 12 runs the dependency was down")
                .contains("@CircuitProtected(value = &quot;shop&quot;, failureThreshold = 3)")
                .contains("tripswitch.circuit.shop.failureThreshold=3");
    }

    @Test
    void withoutAdviceTheSectionSaysWhy() {
        List<SyntheticHistory.Run> runs = SyntheticHistory.runs(2, 7, new SyntheticHistory.Suite(5, 500, 1000, 5000),
                new SyntheticHistory.Outages(0, 0, 0, 0, 1), Candidate.defaults());
        List<HistoryRun> history = SyntheticHistory.recorded(runs);

        String html = RunReportPage.render(history.get(1), history, "folder /h", Instant.EPOCH, null,
                "left to mvn tripswitch:suggest");

        assertThat(html).contains("<h2>Suggested settings</h2>").contains("left to mvn tripswitch:suggest");
    }
}
