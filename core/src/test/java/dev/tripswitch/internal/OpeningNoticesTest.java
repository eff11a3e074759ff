package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.MutableClock;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console is told when a circuit opens: what happens to its tests, as it really happens in this JVM. */
class OpeningNoticesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void noReplayingRunLeft() {
        ReplayingRuns.ended("notices-run");
    }

    private String openingOf(WhenOpen mode) {
        CircuitBreaker circuit = CircuitBreaker.of("notices", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofSeconds(30)).whenOpen(mode).clock(MutableClock.start()).build());
        circuit.addListener(new OpeningNotices(() -> out));
        circuit.recordFailure(new IOException("shop down"));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void replayCircuit_whileARunCanReplay_saysItsTestsAreDeferred() {
        ReplayingRuns.started("notices-run");

        assertThat(openingOf(WhenOpen.REPLAY)).startsWith("Tripswitch: circuit 'notices' OPENED (")
                .contains("); its tests are deferred, to run again once it lets tests through (next probe at ")
                .doesNotContain("skipped");
    }

    @Test
    void replayCircuit_whereNoRunCanReplay_saysItsTestsAreSkipped_asTheyAre() {
        assertThat(openingOf(WhenOpen.REPLAY)).contains("; its tests are skipped with the reason until the probe at ")
                .doesNotContain("deferred");
    }

    @Test
    void skipCircuit_saysSkipped_evenWhileARunCanReplay() {
        ReplayingRuns.started("notices-run");

        assertThat(openingOf(WhenOpen.SKIP)).contains("; its tests are skipped with the reason until the probe at ");
    }
}
