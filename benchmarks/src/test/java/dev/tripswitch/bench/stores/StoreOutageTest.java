package dev.tripswitch.bench.stores;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outage harness counts what two real JVMs did. The dependency is down (or up) for the whole run and the
 * circuit never half-opens, so the totals follow from the rules alone, whatever the timing: in memory each JVM
 * fails {@code failureThreshold} tests; shared, the JVMs fail {@code failureThreshold} between them, plus at most
 * one test that the other JVM was let through before the opening. {@link StoreOutage#run} itself fails when the
 * JVMs' sum, the dependency's count of answers and (shared) the store's totals disagree.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StoreOutageTest {

    private static final long NEVER = TimeUnit.HOURS.toMillis(1);

    private static StoreOutage.Settings downThroughout() {
        return new StoreOutage.Settings(2, 10, 0, 20, 0, -1, 3, NEVER);
    }

    @Test
    void inMemory_eachJvmFailsTheThreshold_andSkipsTheRest() throws Exception {
        StoreOutage.Result r = StoreOutage.run(StoreKind.MEMORY, downThroughout());

        assertThat(r.failed()).isEqualTo(2 * 3);
        assertThat(r.skipped()).isEqualTo(2 * (10 - 3));
        assertThat(r.passed()).isZero();
        assertThat(r.probeFailures()).isZero();
        assertThat(r.shared()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"FILE", "REDIS"})
    void shared_theJvmsFailTheThresholdBetweenThem(StoreKind store) throws Exception {
        StoreOutage.Result r = StoreOutage.run(store, downThroughout());

        assertThat(r.failed()).isBetween(3, 3 + 1);
        assertThat(r.failed() + r.skipped()).isEqualTo(2 * 10);
        assertThat(r.passed()).isZero();
        assertThat(r.shared().timesOpened()).isEqualTo(1);
        assertThat(r.shared().failures()).isEqualTo(r.failed());
        assertThat(r.shared().rejected()).isEqualTo(r.skipped());
    }

    @Test
    void aDependencyThatStaysUp_passesEveryTest() throws Exception {
        StoreOutage.Result r = StoreOutage.run(StoreKind.FILE, new StoreOutage.Settings(2, 10, 0, 20, NEVER, -1, 3, NEVER));

        assertThat(r.passed()).isEqualTo(20);
        assertThat(r.failed()).isZero();
        assertThat(r.skipped()).isZero();
        assertThat(r.shared().successes()).isEqualTo(20);
    }

    @Test
    void badSizes_areRefusedNamingTheOption() {
        assertThatThrownBy(() -> new StoreOutage.Settings(0, 10, 0, 20, 0, -1, 3, NEVER))
                .hasMessage("--jvms=0 is refused; allowed: 1 or more");
        assertThatThrownBy(() -> StoreKind.parseList("--stores", "memory,disk"))
                .hasMessage("--stores=disk is not a store; allowed: memory, file, redis");
    }
}
