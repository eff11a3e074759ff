package dev.tripswitch.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one run produced: the raw samples, the summaries computed from them, and where it ran.
 *
 * @param title     the report's title; says "simulated" for a simulation
 * @param simulated true for {@code --simulate}
 * @param createdAt ISO-8601 instant
 * @param commit    the git commit, when known
 * @param machine   nproc, memory, CPU model, Java, browser versions, load average
 * @param config    what was run
 * @param recovery  every recovery, both arms
 * @param outage    every outage suite run, both arms
 * @param summary   the summaries and headline metrics
 */
public record BenchmarkReport(String title, boolean simulated, String createdAt, String commit,
                              Map<String, String> machine, RunConfig config, List<RecoverySample> recovery,
                              List<OutageRun> outage, Summary summary) {
}
