package dev.tripswitch;

import dev.tripswitch.internal.Durations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Property sources, their precedence, and one test per validation rule of property loading. */
class ConfigurationLoadingTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static CircuitBreakerRegistry registry(Properties low, Properties high) {
        return CircuitBreakerRegistry.builder().clock(MutableClock.start())
                .withProperties("tripswitch.properties", low)
                .withProperties("system property", high)
                .build();
    }

    @Test
    void durations_acceptIsoAndPlainForms() {
        assertThat(Durations.parseOrNull("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parseOrNull("pt1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parseOrNull("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parseOrNull("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parseOrNull("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parseOrNull("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parseOrNull("30")).isNull();
        for (Duration d : new Duration[]{Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofHours(25),
                Duration.ofMinutes(2), Duration.ZERO, Duration.ofNanos(5)}) {
            assertThat(Durations.parseOrNull(Durations.format(d))).as(Durations.format(d)).isEqualTo(d);
        }
        assertThat(Durations.parseOrNull("thirty seconds")).isNull();
    }

    @Test
    void systemPropertiesWinOverTheFile_andTheFileOverDefaults() {
        CircuitBreakerRegistry r = registry(
                props("tripswitch.circuit.browser.failureThreshold", "3",
                        "tripswitch.circuit.browser.halfOpenAfter", "10s"),
                props("tripswitch.circuit.browser.failureThreshold", "7"));
        CircuitBreakerConfig c = r.circuit("browser").config();
        assertThat(c.failureThreshold()).isEqualTo(7);
        assertThat(c.halfOpenAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void explicitDefinitionWinsOverProperties() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.failureThreshold", "7"));
        CircuitBreaker cb = r.circuit(CircuitDefinition.builder("api", "class ApiTest").failureThreshold(2).build());
        assertThat(cb.config().failureThreshold()).isEqualTo(2);
    }

    @Test
    void everySettingCanBeGivenAsAProperty() {
        CircuitBreakerRegistry r = registry(new Properties(), props(
                "tripswitch.circuit.api.failureThreshold", "2",
                "tripswitch.circuit.api.halfOpenAfter", "PT5S",
                "tripswitch.circuit.api.recoveryTimeout", "500s",
                "tripswitch.circuit.api.permittedProbes", "3",
                "tripswitch.circuit.api.successThreshold", "2",
                "tripswitch.circuit.api.recordOn", "java.io.IOException, java.util.concurrent.TimeoutException",
                "tripswitch.circuit.api.ignoreOn", ""));
        CircuitBreakerConfig c = r.circuit("api").config();
        assertThat(c.failureThreshold()).isEqualTo(2);
        assertThat(c.halfOpenAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofSeconds(500));
        assertThat(c.permittedProbes()).isEqualTo(3);
        assertThat(c.successThreshold()).isEqualTo(2);
        assertThat(c.recordOn()).containsExactly(IOException.class, java.util.concurrent.TimeoutException.class);
        assertThat(c.ignoreOn()).isEmpty();
    }

    @Test
    void aNonNumericThreshold_namesKeyValueAndSource() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.failureThreshold", "many"));
        assertThatThrownBy(() -> r.circuit("api"))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.circuit.api.failureThreshold=many (system property): "
                        + "must be an integer of 1 or more, but was 'many'");
    }

    @Test
    void anOutOfRangeThreshold_namesKeyValueAndRange() {
        CircuitBreakerRegistry r = registry(props("tripswitch.circuit.api.permittedProbes", "0"), new Properties());
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessage("tripswitch.circuit.api.permittedProbes=0 (tripswitch.properties): "
                        + "permittedProbes must be an integer of 1 or more, but was 0");
    }

    @Test
    void aBadDuration_namesTheAllowedForms() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.halfOpenAfter", "30"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessage("tripswitch.circuit.api.halfOpenAfter=30 (system property): must be a duration such as "
                        + "500ms, 30s, 2m, 1h or ISO-8601 PT30S, but was '30'");
    }

    @Test
    void anUnknownSetting_listsTheAllowedOnes() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.treshold", "3"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessage("tripswitch.circuit.api.treshold=3 (system property): unknown setting 'treshold'; "
                        + "allowed settings are earlyWarning, failureThreshold, halfOpenAfter, healthCheck, "
                        + "healthCheckInterval, healthUrl, ignoreOn, maxWait, permittedProbes, recordOn, "
                        + "recoveryTimeout, successThreshold, unhealthyThreshold, whenOpen");
    }

    @Test
    void anUnknownClass_isNamed() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.recordOn", "com.example.Nope"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessageContaining("tripswitch.circuit.api.recordOn=com.example.Nope (system property)")
                .hasMessageContaining("class 'com.example.Nope' was not found");
    }

    @Test
    void aClassThatIsNotAThrowable_isRefused() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.ignoreOn", "java.lang.String"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessageContaining("java.lang.String is not a Throwable");
    }

    @Test
    void recoveryTimeoutBelowHalfOpenAfter_acrossSources_namesTheCircuitAndSource() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.recoveryTimeout", "10s"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessage("circuit 'api' from system property: recoveryTimeout must be at least halfOpenAfter, "
                        + "which is 30s (default), but was 10s");
    }

    @Test
    void aLongerCircuitName_doesNotLeakIntoAShorterOne() {
        CircuitBreakerRegistry r = registry(new Properties(), props("tripswitch.circuit.api.v2.failureThreshold", "9"));
        assertThat(r.circuit("api").config().failureThreshold()).isEqualTo(5);
        assertThat(r.circuit("api.v2").config().failureThreshold()).isEqualTo(9);
    }

    @Test
    void theFileIsReadFromTheClassPath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tripswitch.properties"), "tripswitch.circuit.grid.failureThreshold=4\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().classLoader(loader).withSystemSources().build();
            assertThat(r.circuit("grid").config().failureThreshold()).isEqualTo(4);
        }
    }

    @Test
    void systemProperties_areRead() {
        System.setProperty("tripswitch.circuit.sysprop-test.successThreshold", "3");
        try {
            CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().withSystemSources().build();
            assertThat(r.circuit("sysprop-test").config().successThreshold()).isEqualTo(3);
        } finally {
            System.clearProperty("tripswitch.circuit.sysprop-test.successThreshold");
        }
    }

    // ---- issue 11 (2): rules between settings are checked on the merged configuration

    @CircuitProtected(value = "long", halfOpenAfter = "2m")
    static class LongCooldown {
    }

    @CircuitProtected(value = "long", recoveryTimeout = "10m")
    static class LongRecovery {
    }

    @CircuitProtected(value = "long", halfOpenAfter = "20m")
    static class LongerCooldown {
    }

    private static CircuitDefinition definitionOf(Class<?> annotated) {
        return CircuitDefinition.of(annotated.getAnnotation(CircuitProtected.class),
                "class " + annotated.getSimpleName());
    }

    @Test
    void annotationHalfOpenAfter_isCheckedAgainstThePropertysRecoveryTimeout_notTheDefault() {
        CircuitBreakerRegistry r = registry(new Properties(),
                props("tripswitch.circuit.long.recoveryTimeout", "10m"));
        CircuitBreakerConfig c = r.circuit(definitionOf(LongCooldown.class)).config();
        assertThat(c.halfOpenAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void propertyHalfOpenAfter_longerThanTheDefaultRecoveryTimeout_isFineWhenTheAnnotationRaisesIt() {
        CircuitBreakerRegistry r = registry(props("tripswitch.circuit.long.halfOpenAfter", "5m"), new Properties());
        CircuitBreakerConfig c = r.circuit(definitionOf(LongRecovery.class)).config();
        assertThat(c.halfOpenAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void annotationHalfOpenAfter_aboveTheDefaultRecoveryTimeout_saysTheOtherValueIsTheDefault() {
        CircuitDefinition definition = definitionOf(LongCooldown.class);
        assertThatThrownBy(() -> registry(new Properties(), new Properties()).circuit(definition))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("@CircuitProtected(\"long\") on class LongCooldown: recoveryTimeout must be at least "
                        + "halfOpenAfter, which is 2m, but was 1m (default)");
    }

    @Test
    void aBrokenRuleAcrossPlaces_isBlamedOnTheHighestPlace_andNamesWhereTheOtherValueCameFrom() {
        CircuitBreakerRegistry r = registry(new Properties(),
                props("tripswitch.circuit.long.recoveryTimeout", "PT10M"));
        assertThatThrownBy(() -> r.circuit(definitionOf(LongerCooldown.class)))
                .hasMessage("@CircuitProtected(\"long\") on class LongerCooldown: recoveryTimeout must be at least "
                        + "halfOpenAfter, which is 20m, but was PT10M (system property)");
    }

    @Test
    void durationsInARuleMessage_areShownAsWritten() {
        CircuitBreakerRegistry r = registry(props("tripswitch.circuit.api.halfOpenAfter", "90s"),
                props("tripswitch.circuit.api.recoveryTimeout", "1m"));
        assertThatThrownBy(() -> r.circuit("api"))
                .hasMessage("circuit 'api' from system property: recoveryTimeout must be at least halfOpenAfter, "
                        + "which is 90s (tripswitch.properties), but was 1m");
    }

    // ---- issue 11 (3): a malformed tripswitch.properties names the file and what is wrong

    @Test
    void aMalformedFile_refusesEveryCircuitNamingTheFileTheLineAndTheProblem(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("tripswitch.properties");
        Files.writeString(file, "# circuits\ntripswitch.circuit.y3.failureThreshold=\\u00zz\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().classLoader(loader).withSystemSources().build();
            String expected = "tripswitch.properties (" + file.toUri().toURL() + ") is malformed: line 2 "
                    + "(tripswitch.circuit.y3.failureThreshold=\\u00zz) has a backslash-u not followed by four "
                    + "hexadecimal digits; write a backslash as two backslashes (Malformed \\uxxxx encoding.)";
            for (String circuit : new String[]{"y3", "other", "y3"}) {
                assertThatThrownBy(() -> r.circuit(circuit))
                        .isInstanceOf(CircuitConfigurationException.class)
                        .hasMessage(expected);
            }
            assertThat(r.find("y3")).isEmpty();
        }
    }

    @Test
    void aMalformedFile_readForTheStoreSettings_isNamedToo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("tripswitch.properties");
        Files.writeString(file, "tripswitch.store=memory\ntripswitch.circuit.y3.failureThreshold=\\u00zz\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> CircuitBreakerRegistry.builder().classLoader(loader).withSystemStore().build()
                    .circuit("y3"))
                    .isInstanceOf(CircuitConfigurationException.class)
                    .hasMessage("tripswitch.properties (" + file.toUri().toURL() + ") is malformed: line 2 "
                            + "(tripswitch.circuit.y3.failureThreshold=\\u00zz) has a backslash-u not followed by four "
                            + "hexadecimal digits; write a backslash as two backslashes (Malformed \\uxxxx encoding.)");
        }
    }
}
