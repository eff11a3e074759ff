package dev.tripswitch.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void oddCount_medianIsTheMiddleValue() {
        Stats s = Stats.of(List.of(5.0, 1.0, 3.0));
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(3.0);
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
    }

    @Test
    void evenCount_medianIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 10.0)).median()).isEqualTo(3.0);
    }

    @Test
    void p90_isTheNearestRank() {
        Stats s = Stats.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
        assertThat(s.p90()).isEqualTo(9.0);
    }

    @Test
    void empty_givesZeros() {
        assertThat(Stats.of(List.of())).isEqualTo(Stats.EMPTY);
    }

    @Test
    void reduction_isRelativeToWithout() {
        assertThat(Stats.reductionPercent(7, 10)).isCloseTo(30.0, within(1e-9));
        assertThat(Stats.reductionPercent(12, 10)).isCloseTo(-20.0, within(1e-9));
        assertThat(Stats.reductionPercent(1, 0)).isNaN();
        assertThat(Stats.increasePercent(12, 10)).isCloseTo(20.0, within(1e-9));
    }
}
