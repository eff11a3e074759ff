package dev.tripswitch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per validation rule of the builder. */
class CircuitBreakerConfigTest {

    @Test
    void defaults_matchTheDesign() {
        CircuitBreakerConfig c = CircuitBreakerConfig.ofDefaults();
        assertThat(c.failureThreshold()).isEqualTo(5);
        assertThat(c.halfOpenAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.permittedProbes()).isEqualTo(1);
        assertThat(c.successThreshold()).isEqualTo(1);
        assertThat(c.recordOn()).containsExactly(Throwable.class);
        assertThat(c.ignoreOn()).containsExactly(AssertionError.class);
    }

    @Test
    void failureThresholdZero_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().failureThreshold(0))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("failureThreshold must be an integer of 1 or more, but was 0");
    }

    @Test
    void permittedProbesNegative_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().permittedProbes(-2))
                .hasMessage("permittedProbes must be an integer of 1 or more, but was -2");
    }

    @Test
    void successThresholdZero_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().successThreshold(0))
                .hasMessage("successThreshold must be an integer of 1 or more, but was 0");
    }

    @Test
    void halfOpenAfterZero_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().halfOpenAfter(Duration.ZERO))
                .hasMessage("halfOpenAfter must be a positive duration, but was PT0S");
    }

    @Test
    void halfOpenAfterNull_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().halfOpenAfter(null))
                .hasMessage("halfOpenAfter must be a positive duration, but was null");
    }

    @Test
    void recoveryTimeoutNegative_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().recoveryTimeout(Duration.ofSeconds(-1)))
                .hasMessage("recoveryTimeout must be a positive duration, but was PT-1S");
    }

    @Test
    void recoveryTimeoutShorterThanHalfOpenAfter_isRefusedOnBuild() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().halfOpenAfter(Duration.ofSeconds(30))
                .recoveryTimeout(Duration.ofSeconds(10)).build())
                .hasMessage("recoveryTimeout must be at least halfOpenAfter, which is 30s, but was 10s");
    }

    @Test
    void recordOnNull_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().recordOn((List<Class<? extends Throwable>>) null))
                .hasMessage("recordOn must be a list of Throwable types, but was null");
    }

    @Test
    void ignoreOnWithANullElement_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().ignoreOn(Arrays.asList(IOException.class, null)))
                .hasMessage("ignoreOn must not contain null, but was [class java.io.IOException, null]");
    }

    @Test
    void clockNull_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().clock(null))
                .hasMessage("clock must not be null");
    }

    @Test
    void blankCircuitName_isRefused() {
        assertThatThrownBy(() -> CircuitBreaker.ofDefaults(" "))
                .hasMessage("name must be a non-blank string, but was ' '");
    }

    @Test
    void from_copiesEverySetting() {
        MutableClock clock = MutableClock.start();
        CircuitBreakerConfig base = CircuitBreakerConfig.custom().failureThreshold(2)
                .halfOpenAfter(Duration.ofSeconds(1)).recoveryTimeout(Duration.ofSeconds(4)).permittedProbes(3)
                .successThreshold(2).recordOn(IOException.class).ignoreOn().clock(clock).build();
        assertThat(CircuitBreakerConfig.from(base).build()).isEqualTo(base);
    }
}
