package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.MutableClock;
import dev.tripswitch.WhenOpen;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one declaration per setting is what every way in reads: the annotation, properties, the builder. */
class SettingsTableTest {

    public static class Check implements HealthCheck {
        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    @Test
    void everyAnnotationAttribute_isADeclaredSetting_andEverySettingAnAttribute() {
        String[] attributes = Arrays.stream(CircuitProtected.class.getDeclaredMethods()).map(Method::getName)
                .filter(n -> !n.equals("value")).sorted().toArray(String[]::new);
        String[] settings = Settings.all().stream().map(Setting::name).sorted().toArray(String[]::new);
        assertThat(attributes).containsExactly(settings);
    }

    @Test
    void everyDefault_isTheConfigurationsDefault() {
        CircuitBreakerConfig defaults = CircuitBreakerConfig.ofDefaults();
        assertThat(defaults.asProperties()).isEqualTo(Settings.asProperties(Values.defaults()));
        assertThat(defaults.failureThreshold()).isEqualTo(Settings.FAILURE_THRESHOLD.defaultValue());
        assertThat(defaults.whenOpen()).isEqualTo(Settings.WHEN_OPEN.defaultValue());
        assertThat(defaults.healthCheckInterval()).isEqualTo(Settings.HEALTH_CHECK_INTERVAL.defaultValue());
    }

    @Test
    void aConfigurationWrittenAsProperties_readsBackEqual() {
        MutableClock clock = MutableClock.start();
        CircuitBreakerConfig original = CircuitBreakerConfig.custom().failureThreshold(2)
                .halfOpenAfter(Duration.ofMillis(1500)).recoveryTimeout(Duration.ofMinutes(3)).permittedProbes(2)
                .successThreshold(3).recordOn(IOException.class, TimeoutException.class).ignoreOn()
                .whenOpen(WhenOpen.WAIT).maxWait(Duration.ofSeconds(45)).healthCheck(Check.class)
                .healthCheckInterval(Duration.ofMillis(200)).clock(clock).build();
        Properties written = new Properties();
        original.asProperties().forEach((setting, value) ->
                written.setProperty("tripswitch.circuit.copy." + setting, value));

        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock)
                .withProperties("system property", written).build();

        assertThat(r.circuit("copy").config()).isEqualTo(original);
        assertThat(written).doesNotContainKey("tripswitch.circuit.copy.healthUrl"); // none is not written
    }
}
