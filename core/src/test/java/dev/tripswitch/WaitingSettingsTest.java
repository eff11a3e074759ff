package dev.tripswitch;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 13's settings (whenOpen, maxWait, healthCheck, healthUrl, healthCheckInterval): each way in, each refusal. */
class WaitingSettingsTest {

    private static final String ALLOWED_CHECK = "healthCheck must be a public concrete class implementing "
            + "dev.tripswitch.HealthCheck with a public no-argument constructor, but ";
    private static final String ALLOWED_URL = "healthUrl must be an absolute http or https URL with a host, such as "
            + "http://127.0.0.1:8080/health, but was ";
    private static final String NESTED = WaitingSettingsTest.class.getName() + "$";

    public static class ShopHealth implements HealthCheck {
        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    public static class NeedsArgument implements HealthCheck {
        public NeedsArgument(String url) {
        }

        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    public abstract static class AbstractHealth implements HealthCheck {
    }

    static class PackagePrivateHealth implements HealthCheck {
        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    public class InnerHealth implements HealthCheck {
        @Override
        public boolean isHealthy() {
            return true;
        }
    }

    @CircuitProtected(value = "shop", whenOpen = WhenOpen.WAIT, maxWait = "90s", healthCheck = ShopHealth.class,
            healthCheckInterval = "250ms")
    static class Waiting {
    }

    @CircuitProtected(value = "shop", whenOpen = WhenOpen.SKIP)
    static class Skipping {
    }

    @CircuitProtected(value = "shop", maxWait = "forever")
    static class ForeverWait {
    }

    @CircuitProtected(value = "shop", healthCheckInterval = "0s")
    static class ZeroInterval {
    }

    @CircuitProtected(value = "shop", healthCheck = NeedsArgument.class)
    static class CheckWithoutNoArgConstructor {
    }

    @CircuitProtected(value = "shop", healthCheck = InnerHealth.class)
    static class InnerCheck {
    }

    @CircuitProtected(value = "shop", healthCheck = AbstractHealth.class)
    static class AbstractCheck {
    }

    @CircuitProtected(value = "shop", healthUrl = "localhost:8080/health")
    static class UrlWithoutScheme {
    }

    @CircuitProtected(value = "shop", healthCheck = ShopHealth.class, healthUrl = "http://127.0.0.1:8080/health")
    static class BothChecks {
    }

    @CircuitProtected(value = "shop", whenOpen = {WhenOpen.SKIP, WhenOpen.WAIT})
    static class TwoModes {
    }

    private static CircuitDefinition definitionOf(Class<?> annotated) {
        return CircuitDefinition.of(annotated.getAnnotation(CircuitProtected.class),
                "class " + annotated.getSimpleName());
    }

    private static CircuitBreakerRegistry registry(String... systemProperties) {
        Properties p = new Properties();
        for (int i = 0; i < systemProperties.length; i += 2) {
            p.setProperty(systemProperties[i], systemProperties[i + 1]);
        }
        return CircuitBreakerRegistry.builder().clock(MutableClock.start()).withProperties("system property", p)
                .build();
    }

    @Test
    void defaults_replayWithTwoMinutesOfMaxWaitNoHealthCheckAndOneSecondInterval() {
        CircuitBreakerConfig c = CircuitBreakerConfig.ofDefaults();
        assertThat(c.whenOpen()).isEqualTo(WhenOpen.REPLAY);
        assertThat(c.maxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.healthCheck()).isNull();
        assertThat(c.healthUrl()).isNull();
        assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void annotationAttributes_becomeTheCircuitsSettings() {
        CircuitBreakerConfig c = registry().circuit(definitionOf(Waiting.class)).config();
        assertThat(c.whenOpen()).isEqualTo(WhenOpen.WAIT);
        assertThat(c.maxWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.healthCheck()).isEqualTo(ShopHealth.class);
        assertThat(c.healthCheckInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void everyNewSettingCanBeGivenAsAProperty() {
        CircuitBreakerRegistry r = registry(
                "tripswitch.circuit.shop.whenOpen", "wait",
                "tripswitch.circuit.shop.maxWait", "5m",
                "tripswitch.circuit.shop.healthUrl", "https://shop.example:8443/health",
                "tripswitch.circuit.shop.healthCheckInterval", "PT0.5S",
                "tripswitch.circuit.db.healthCheck", ShopHealth.class.getName());
        CircuitBreakerConfig shop = r.circuit("shop").config();
        assertThat(shop.whenOpen()).isEqualTo(WhenOpen.WAIT);
        assertThat(shop.maxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shop.healthUrl()).isEqualTo(URI.create("https://shop.example:8443/health"));
        assertThat(shop.healthCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.circuit("db").config().healthCheck()).isEqualTo(ShopHealth.class);
    }

    @Test
    void builder_takesEveryNewSetting_andFromCopiesThem() {
        CircuitBreakerConfig c = CircuitBreakerConfig.custom().whenOpen(WhenOpen.WAIT).maxWait(Duration.ofHours(24))
                .healthUrl(URI.create("http://127.0.0.1:1/h")).healthCheckInterval(Duration.ofMillis(1)).build();
        assertThat(CircuitBreakerConfig.from(c).build()).isEqualTo(c);
        assertThat(c.maxWait()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void maxWaitForever_isRefusedNamingTheRange() {
        assertThatThrownBy(() -> definitionOf(ForeverWait.class))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("@CircuitProtected(\"shop\") on class ForeverWait: maxWait must be a duration of more "
                        + "than 0 and at most 24h, written as 500ms, 30s, 2m, 1h or ISO-8601 PT30S, but was 'forever'");
    }

    @Test
    void maxWaitAboveADay_isRefused() {
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.maxWait", "25h").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.maxWait=25h (system property): maxWait must be a duration of "
                        + "more than 0 and at most 24h, but was 25h");
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().maxWait(Duration.ZERO))
                .hasMessage("maxWait must be a duration of more than 0 and at most 24h, but was PT0S");
    }

    @Test
    void healthCheckIntervalZero_isRefusedNamingTheRange() {
        assertThatThrownBy(() -> definitionOf(ZeroInterval.class))
                .hasMessage("@CircuitProtected(\"shop\") on class ZeroInterval: healthCheckInterval must be a "
                        + "duration of at least 1ms and at most 1h, but was 0s");
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().healthCheckInterval(Duration.ofMinutes(61)))
                .hasMessage("healthCheckInterval must be a duration of at least 1ms and at most 1h, but was 61m");
    }

    @Test
    void aHealthCheckWithoutANoArgumentConstructor_isRefused() {
        assertThatThrownBy(() -> definitionOf(CheckWithoutNoArgConstructor.class))
                .hasMessage("@CircuitProtected(\"shop\") on class CheckWithoutNoArgConstructor: " + ALLOWED_CHECK
                        + NESTED + "NeedsArgument has no public no-argument constructor");
        assertThatThrownBy(() -> definitionOf(InnerCheck.class))
                .hasMessage("@CircuitProtected(\"shop\") on class InnerCheck: " + ALLOWED_CHECK + NESTED
                        + "InnerHealth has no public no-argument constructor (it is an inner class: make it static)");
    }

    @Test
    void anAbstractHealthCheck_isRefused() {
        assertThatThrownBy(() -> definitionOf(AbstractCheck.class))
                .hasMessage("@CircuitProtected(\"shop\") on class AbstractCheck: " + ALLOWED_CHECK + NESTED
                        + "AbstractHealth is abstract");
    }

    @Test
    void aHealthCheckClassThatIsNotPublic_isRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().healthCheck(PackagePrivateHealth.class))
                .hasMessage(ALLOWED_CHECK + NESTED + "PackagePrivateHealth is not public (Tripswitch creates it "
                        + "from outside its package)");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aHealthCheckClassThatDoesNotImplementHealthCheck_isRefused() {
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.healthCheck", "java.lang.String").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.healthCheck=java.lang.String (system property): " + ALLOWED_CHECK
                        + "java.lang.String does not implement HealthCheck");
        Class raw = String.class;
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().healthCheck(raw))
                .hasMessage(ALLOWED_CHECK + "java.lang.String does not implement HealthCheck");
    }

    @Test
    void aHealthCheckClassThatIsNotThere_isNamed() {
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.healthCheck", "com.example.Nope").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.healthCheck=com.example.Nope (system property): must be the "
                        + "name of a public concrete class implementing dev.tripswitch.HealthCheck with a public "
                        + "no-argument constructor, but class 'com.example.Nope' was not found");
    }

    @Test
    void malformedHealthUrls_areRefused() {
        assertThatThrownBy(() -> definitionOf(UrlWithoutScheme.class))
                .hasMessage("@CircuitProtected(\"shop\") on class UrlWithoutScheme: " + ALLOWED_URL
                        + "localhost:8080/health");
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.healthUrl", "ftp://x").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.healthUrl=ftp://x (system property): " + ALLOWED_URL + "ftp://x");
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.healthUrl", "http://sh op/health").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.healthUrl=http://sh op/health (system property): must be an "
                        + "absolute http or https URL with a host, such as http://127.0.0.1:8080/health, but was "
                        + "'http://sh op/health' (Illegal character in authority)");
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().healthUrl(URI.create("/health")))
                .hasMessage(ALLOWED_URL + "/health");
    }

    @Test
    void bothHealthCheckAndHealthUrl_areRefusedNamingBoth() {
        assertThatThrownBy(() -> registry().circuit(definitionOf(BothChecks.class)))
                .hasMessage("@CircuitProtected(\"shop\") on class BothChecks: healthCheck and healthUrl must not both "
                        + "be set (choose one), but healthCheck is " + NESTED + "ShopHealth and healthUrl is "
                        + "http://127.0.0.1:8080/health");
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().healthCheck(ShopHealth.class)
                .healthUrl(URI.create("http://127.0.0.1:8080/health")).build())
                .hasMessage("healthCheck and healthUrl must not both be set (choose one), but healthCheck is "
                        + NESTED + "ShopHealth and healthUrl is http://127.0.0.1:8080/health");
    }

    @Test
    void aHealthUrlPropertyAndAHealthCheckAttribute_areRefusedNamingWhereEachCameFrom() {
        CircuitBreakerRegistry r = registry("tripswitch.circuit.shop.healthUrl", "http://127.0.0.1:9/health");
        assertThatThrownBy(() -> r.circuit(definitionOf(Waiting.class)))
                .hasMessage("@CircuitProtected(\"shop\") on class Waiting: healthCheck and healthUrl must not both be "
                        + "set (choose one), but healthCheck is " + NESTED + "ShopHealth and healthUrl is "
                        + "http://127.0.0.1:9/health (system property)");
    }

    @Test
    void badWhenOpenValues_areRefused() {
        assertThatThrownBy(() -> registry("tripswitch.circuit.shop.whenOpen", "sometimes").circuit("shop"))
                .hasMessage("tripswitch.circuit.shop.whenOpen=sometimes (system property): must be one of SKIP, WAIT, "
                        + "REPLAY, but was 'sometimes'");
        assertThatThrownBy(() -> definitionOf(TwoModes.class))
                .hasMessage("@CircuitProtected(\"shop\") on class TwoModes: whenOpen takes one value, but was "
                        + "[SKIP, WAIT]");
        assertThatThrownBy(() -> CircuitBreakerConfig.custom().whenOpen(null))
                .hasMessage("whenOpen must be one of SKIP, WAIT, REPLAY, but was null");
    }

    @Test
    void twoPlacesThatDisagreeOnWhenOpen_areAConflictNamingBoth() {
        CircuitBreakerRegistry r = registry();
        r.circuit(definitionOf(Waiting.class));
        assertThatThrownBy(() -> r.circuit(definitionOf(Skipping.class)))
                .hasMessage("circuit 'shop' has conflicting definitions: class Skipping sets whenOpen=SKIP "
                        + "(in force: WAIT), but the circuit was first defined by class Waiting");
        assertThatThrownBy(() -> r.circuit(CircuitDefinition.builder("shop", "class Later")
                .maxWait(Duration.ofMinutes(2)).healthCheck(null).build()))
                .hasMessage("circuit 'shop' has conflicting definitions: class Later sets maxWait=2m (in force: 90s), "
                        + "healthCheck=none (in force: " + NESTED + "ShopHealth), but the circuit was first defined "
                        + "by class Waiting");
    }
}
