package dev.tripswitch.report.suggest;

import dev.tripswitch.CircuitState;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.Parts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reconstruction reads of a recorded circuit besides its tests. */
class ReconstructionTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CIRCUIT = "dep:127.0.0.1:39517";

    private static CircuitTimeline recorded(Map<String, CircuitRecord.Setting> settings,
                                            List<CircuitRecord.HealthAnswer> answers) {
        TestMark passed = new TestMark("junit5", "com.example.ShopTest", "a()", "[method:a]", TestMark.Fate.PASSED,
                START.plusMillis(10), 100, 0, false, false, null);
        CircuitRecord circuit = new CircuitRecord(CIRCUIT, "memory", CircuitState.CLOSED, settings, List.of(),
                answers, List.of(passed));
        RunRecord record = new RunRecord("r1", "r1-p1", START, START.plusSeconds(1),
                new RunRecord.Jvm("ci", 1, "17", "/build", null, List.of("junit5")), List.of(circuit));
        return Reconstruction.of(CIRCUIT, List.of(new HistoryRun("r1", List.of(Parts.of(record))))).get(0);
    }

    @Test
    void aCircuitHadAHealthCheck_whenItsSettingsNameOne_orWhenOneAnswered_asADependencyCircuitsOwnConnectCheck() {
        CircuitRecord.HealthAnswer healthy = new CircuitRecord.HealthAnswer(START.plusMillis(10), true,
                "healthy (asked at " + START.plusMillis(10) + ")");
        assertThat(recorded(Map.of(), List.of(healthy)).healthCheck()).isTrue();
        assertThat(recorded(Map.of("healthUrl", new CircuitRecord.Setting("http://127.0.0.1:39517/health",
                "system property")), List.of()).healthCheck()).isTrue();
        assertThat(recorded(Map.of(), List.of()).healthCheck()).isFalse();
    }
}
