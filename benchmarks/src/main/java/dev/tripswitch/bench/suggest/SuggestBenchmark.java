package dev.tripswitch.bench.suggest;

import dev.tripswitch.bench.report.MachineInfo;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import dev.tripswitch.report.suggest.AdviceText;
import dev.tripswitch.report.suggest.Candidate;
import dev.tripswitch.report.suggest.CandidateGrid;
import dev.tripswitch.report.suggest.CircuitAdvice;
import dev.tripswitch.report.suggest.CircuitTimeline;
import dev.tripswitch.report.suggest.Reconstruction;
import dev.tripswitch.report.suggest.ReplayCost;
import dev.tripswitch.report.suggest.Suggester;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Settings from history, measured (issue 24): a history of {@code --runs} runs of a simulated suite recorded under
 * the defaults ({@link SimulatedSuiteRuns}) is written to a history folder and read back; the suggestion is fitted
 * on the older runs only (the suggester itself holds out the newest quarter of those), and the suggested and the
 * default settings are then replayed on the newest {@code --held-out} runs, which the fit never saw.
 */
@Command(name = "suggest-benchmark", mixinStandardHelpOptions = true,
        description = "Fits settings on the older runs of a history and scores them on the newer ones.")
public final class SuggestBenchmark implements Callable<Integer> {

    @Option(names = "--runs", description = "runs in the history (default ${DEFAULT-VALUE}; at least 20)")
    int runs = 24;

    @Option(names = "--held-out", description = "newest runs held out for scoring (default ${DEFAULT-VALUE})")
    int heldOut = 6;

    @Option(names = "--seed", description = "seed of the simulated runs (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--history", paramLabel = "DIR", description = "the history folder (default: a new temporary one)")
    Path history;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SuggestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 20 || heldOut < 1 || heldOut > runs - Suggester.DEFAULT_MIN_RUNS) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--runs must be at least 20 and"
                    + " --held-out from 1 to runs - " + Suggester.DEFAULT_MIN_RUNS + "; were " + runs + " and "
                    + heldOut);
        }
        Path dir = history != null ? history : Files.createTempDirectory("tripswitch-suggest-bench");
        RunHistory h = new RunHistory(new FolderHistory(dir));
        SimulatedSuiteRuns suite = new SimulatedSuiteRuns(seed);
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < runs; i++) {
            h.write(Parts.of(suite.next(String.format(Locale.ROOT, "sim-%03d", i), start.plus(Duration.ofHours(i)))));
        }
        List<HistoryRun> all = h.runs(id -> true, true);
        List<HistoryRun> older = all.subList(0, all.size() - heldOut);
        List<HistoryRun> newer = all.subList(all.size() - heldOut, all.size());

        long began = System.nanoTime();
        CircuitAdvice advice = new Suggester(CandidateGrid.standard(), Suggester.DEFAULT_MIN_RUNS, false)
                .suggest(SimulatedSuiteRuns.CIRCUIT, older);
        double fitSeconds = (System.nanoTime() - began) / 1e9;
        System.out.println("History: " + dir + " (" + all.size() + " runs, seed " + seed + "); machine: "
                + MachineInfo.collect(false).get("cpu") + ", load " + MachineInfo.loadAverage());
        AdviceText.lines(advice, true).forEach(System.out::println);
        if (!(advice instanceof CircuitAdvice.Suggestion s)) {
            return 1;
        }
        List<CircuitTimeline> test = Reconstruction.of(SimulatedSuiteRuns.CIRCUIT, newer);
        Candidate defaults = Candidate.defaults();
        ReplayCost d = Suggester.costOn(test, defaults);
        ReplayCost g = Suggester.costOn(test, s.suggested());
        System.out.println();
        System.out.printf(Locale.ROOT, "fitted on %d older runs in %.1f s; scored on the %d newest, never seen:%n",
                older.size(), fitSeconds, newer.size());
        System.out.println("| settings | failures | doomed | waited | lost tests | blip openings | cost |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("defaults " + defaults.asProperties(), d);
        row("suggested " + s.suggested().asProperties(), g);
        System.out.println(g.total() <= d.total() ? "suggested ≤ defaults on the held-out runs: met"
                : "suggested > defaults on the held-out runs: NOT met");
        return g.total() <= d.total() ? 0 : 3;
    }

    private static void row(String label, ReplayCost c) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f s | %.1f s | %d | %d | %.1f min |%n", label, c.failures(),
                c.doomedMillis() / 1000.0, c.waitedMillis() / 1000.0, c.lostTests(), c.blipOpenings(),
                c.total() / 60_000.0);
    }
}
