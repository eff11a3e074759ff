package dev.tripswitch;

import dev.tripswitch.internal.settings.Setting;
import dev.tripswitch.internal.settings.Settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The typed setters of a circuit's settings, written once for both builders that take them:
 * {@link CircuitBreakerConfig.Builder} (a whole configuration) and {@link CircuitDefinition.Builder} (the settings
 * one place gives explicitly). Every setter checks its value at once and refuses a bad one with a
 * {@link CircuitConfigurationException} that names the setting, the value and what is allowed; the rules between
 * settings are checked when the configuration is built.
 *
 * @param <B> the builder's own type
 */
public abstract sealed class CircuitSettingsBuilder<B extends CircuitSettingsBuilder<B>>
        permits CircuitBreakerConfig.Builder, CircuitDefinition.Builder {

    CircuitSettingsBuilder() {
    }

    /** Keeps {@code value}, checked against {@code setting}'s range. */
    abstract <T> B put(Setting<T> setting, T value);

    /** Consecutive counted failures in CLOSED that open the circuit: 1 or more (default 5). */
    public B failureThreshold(int value) {
        return put(Settings.FAILURE_THRESHOLD, value);
    }

    /** Time from opening to the first probe: a positive duration, at most {@code recoveryTimeout} (default 30 s). */
    public B halfOpenAfter(Duration value) {
        return put(Settings.HALF_OPEN_AFTER, value);
    }

    /**
     * The longest wait between probes; failed probes double the wait from {@code halfOpenAfter} up to this cap. A
     * positive duration, at least {@code halfOpenAfter} (default 60 s).
     */
    public B recoveryTimeout(Duration value) {
        return put(Settings.RECOVERY_TIMEOUT, value);
    }

    /** Probe calls allowed at the same time in HALF_OPEN: 1 or more (default 1). */
    public B permittedProbes(int value) {
        return put(Settings.PERMITTED_PROBES, value);
    }

    /** Successful probes that close the circuit: 1 or more (default 1). */
    public B successThreshold(int value) {
        return put(Settings.SUCCESS_THRESHOLD, value);
    }

    /** Failure types that count (with their subclasses), unless also matched by {@code ignoreOn}. */
    @SafeVarargs
    public final B recordOn(Class<? extends Throwable>... types) {
        return recordOn(types == null ? null : List.of(types));
    }

    /** Failure types that count (with their subclasses), unless also matched by {@code ignoreOn}. */
    public B recordOn(List<Class<? extends Throwable>> types) {
        return put(Settings.RECORD_ON, types);
    }

    /** Failure types that never count (with their subclasses); they win over {@code recordOn}. */
    @SafeVarargs
    public final B ignoreOn(Class<? extends Throwable>... types) {
        return ignoreOn(types == null ? null : List.of(types));
    }

    /** Failure types that never count (with their subclasses); they win over {@code recordOn}. */
    public B ignoreOn(List<Class<? extends Throwable>> types) {
        return put(Settings.IGNORE_ON, types);
    }

    /** What a test refused by the OPEN circuit does: {@link WhenOpen#SKIP}, {@link WhenOpen#WAIT} or {@link WhenOpen#REPLAY}. */
    public B whenOpen(WhenOpen value) {
        return put(Settings.WHEN_OPEN, value);
    }

    /**
     * With {@link WhenOpen#WAIT}: the waiting budget per opening of the circuit, shared by every waiting test of the
     * run: more than 0 and at most 24 hours (default 2 minutes).
     */
    public B maxWait(Duration value) {
        return put(Settings.MAX_WAIT, value);
    }

    /**
     * A public concrete class implementing {@link HealthCheck} with a public no-argument constructor, or
     * {@code null} for none (default). Not together with {@link #healthUrl(URI)}.
     */
    public B healthCheck(Class<? extends HealthCheck> value) {
        return put(Settings.HEALTH_CHECK, value);
    }

    /**
     * An absolute http or https URL with a host whose 2xx answer means healthy, or {@code null} for none
     * (default). Not together with {@link #healthCheck(Class)}.
     */
    public B healthUrl(URI value) {
        return put(Settings.HEALTH_URL, value);
    }

    /** The shortest time between two health checks: at least 1 ms and at most 1 hour (default 1 second). */
    public B healthCheckInterval(Duration value) {
        return put(Settings.HEALTH_CHECK_INTERVAL, value);
    }

    /**
     * Whether the health check is also asked while the circuit is CLOSED (default {@code true}): once before the
     * circuit's first test (an unhealthy answer opens it at once) and then at most once per
     * {@code healthCheckInterval}, {@link #unhealthyThreshold(int)} unhealthy answers in a row opening it. Without a
     * health check it changes nothing.
     */
    public B earlyWarning(boolean value) {
        return put(Settings.EARLY_WARNING, value);
    }

    /**
     * With {@link #earlyWarning(boolean)}: how many unhealthy answers in a row, while CLOSED, open the circuit:
     * 1 or more (default 2). The answer before the circuit's first test opens it alone.
     */
    public B unhealthyThreshold(int value) {
        return put(Settings.UNHEALTHY_THRESHOLD, value);
    }
}
