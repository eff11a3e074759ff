package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;

import java.util.List;

/**
 * What one run measured (or simulated).
 *
 * @param recovery   every recovery, both arms
 * @param outage     every outage suite run, both arms
 * @param costSource simulation only: where its costs came from; {@code null} for a real run
 */
record Measurements(List<RecoverySample> recovery, List<OutageRun> outage, String costSource) {
}
