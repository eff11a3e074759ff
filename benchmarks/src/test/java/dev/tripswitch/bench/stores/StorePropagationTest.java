package dev.tripswitch.bench.stores;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The propagation harness, with two real JVMs on a real store: each opening is seen by the other JVM as a
 * refusal, after it happened (the harness itself fails when a refusal comes before its opening or never comes),
 * and its percentiles are those of what it measured. No time is asserted: how fast the other JVM learns depends
 * on the machine; the benchmark reports it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StorePropagationTest {

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"FILE", "REDIS"})
    void everyOpeningIsSeenByTheOtherJvm_asARefusalAfterIt(StoreKind store) throws Exception {
        StorePropagation.Result r = StorePropagation.run(store, 3);

        assertThat(r.store()).isEqualTo(store);
        assertThat(r.nanos()).hasSize(3);
        for (long n : r.nanos()) {
            assertThat(n).as("from the opening to the other JVM's refusal").isPositive();
        }
        assertThat(r.percentile(50)).isBetween(java.util.Arrays.stream(r.nanos()).min().orElseThrow(), r.max());
        assertThat(r.percentile(99)).isEqualTo(r.max());
    }

    @Test
    void percentiles_areNearestRankOfTheMeasuredTimes() {
        StorePropagation.Result r = new StorePropagation.Result(StoreKind.FILE,
                new long[] {9, 1, 8, 2, 7, 3, 6, 4, 5, 10});

        assertThat(r.percentile(50)).isEqualTo(5);
        assertThat(r.percentile(90)).isEqualTo(9);
        assertThat(r.percentile(99)).isEqualTo(10);
        assertThat(r.max()).isEqualTo(10);
        assertThat(r.nanos()).as("the measured order is kept").startsWith(9, 1, 8);
    }

    @Test
    void whatCannotBeMeasured_isRefusedNamingTheOption() {
        assertThatThrownBy(() -> StorePropagation.check(List.of(StoreKind.MEMORY), 50))
                .hasMessageContaining("--stores=memory is refused").hasMessageContaining("allowed: file, redis");
        assertThatThrownBy(() -> StorePropagation.check(List.of(StoreKind.FILE), 0))
                .hasMessageContaining("--openings=0 is refused");
    }
}
