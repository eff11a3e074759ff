package dev.tripswitch.internal.settings;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.WhenOpen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The table of circuit settings: each is declared here once — name, type with its allowed range and message,
 * default, annotation attribute — and the annotation, the system properties, the {@code tripswitch.properties}
 * file, the builders and {@link dev.tripswitch.CircuitBreakerConfig} all read its declaration. A new setting is one
 * entry here; Java also wants its attribute on {@link CircuitProtected}, its typed setter on
 * {@code dev.tripswitch.CircuitSettingsBuilder} and, if code reads it, its accessor on the configuration.
 */
public final class Settings {

    private static final List<Setting<?>> DECLARED = new ArrayList<>(); // first: the entries below add to it

    public static final Setting<Integer> FAILURE_THRESHOLD = declare("failureThreshold", SettingType.count(), 5,
            Attribute.integer(CircuitProtected::failureThreshold));

    public static final Setting<Duration> HALF_OPEN_AFTER = declare("halfOpenAfter",
            SettingType.positiveDuration(), Duration.ofSeconds(30), Attribute.text(CircuitProtected::halfOpenAfter));

    public static final Setting<Duration> RECOVERY_TIMEOUT = declare("recoveryTimeout",
            SettingType.positiveDuration(), Duration.ofSeconds(60),
            Attribute.text(CircuitProtected::recoveryTimeout));

    public static final Setting<Integer> PERMITTED_PROBES = declare("permittedProbes", SettingType.count(), 1,
            Attribute.integer(CircuitProtected::permittedProbes));

    public static final Setting<Integer> SUCCESS_THRESHOLD = declare("successThreshold", SettingType.count(), 1,
            Attribute.integer(CircuitProtected::successThreshold));

    public static final Setting<List<Class<? extends Throwable>>> RECORD_ON = declare("recordOn",
            SettingType.throwableTypes(), List.of(Throwable.class), Attribute.throwableTypes(CircuitProtected::recordOn));

    public static final Setting<List<Class<? extends Throwable>>> IGNORE_ON = declare("ignoreOn",
            SettingType.throwableTypes(), List.of(AssertionError.class),
            Attribute.throwableTypes(CircuitProtected::ignoreOn));

    public static final Setting<WhenOpen> WHEN_OPEN = declare("whenOpen", SettingType.oneOf(WhenOpen.class),
            WhenOpen.REPLAY, Attribute.optional(CircuitProtected::whenOpen));

    public static final Setting<Duration> MAX_WAIT = declare("maxWait",
            SettingType.duration(Duration.ZERO, false, Duration.ofHours(24), "of more than 0 and at most 24h"),
            Duration.ofMinutes(2), Attribute.text(CircuitProtected::maxWait));

    public static final Setting<Class<? extends HealthCheck>> HEALTH_CHECK = declare("healthCheck",
            SettingType.healthCheckClass(), null, Attribute.type(CircuitProtected::healthCheck, HealthCheck.class));

    public static final Setting<URI> HEALTH_URL = declare("healthUrl", SettingType.httpUrl(), null,
            Attribute.text(CircuitProtected::healthUrl));

    public static final Setting<Duration> HEALTH_CHECK_INTERVAL = declare("healthCheckInterval",
            SettingType.duration(Duration.ofMillis(1), true, Duration.ofHours(1), "of at least 1ms and at most 1h"),
            Duration.ofSeconds(1), Attribute.text(CircuitProtected::healthCheckInterval));

    public static final Setting<Boolean> EARLY_WARNING = declare("earlyWarning", SettingType.flag(), true,
            Attribute.text(CircuitProtected::earlyWarning));

    public static final Setting<Integer> UNHEALTHY_THRESHOLD = declare("unhealthyThreshold", SettingType.count(), 2,
            Attribute.integer(CircuitProtected::unhealthyThreshold));

    private static final List<Setting<?>> ALL = List.copyOf(DECLARED);

    private static final List<CrossCheck> CROSS_CHECKS = List.of(
            new CrossCheck(List.of(RECOVERY_TIMEOUT, HALF_OPEN_AFTER), v ->
                    v.value(RECOVERY_TIMEOUT).compareTo(v.value(HALF_OPEN_AFTER)) >= 0 ? null
                            : "recoveryTimeout must be at least halfOpenAfter, which is " + v.shown(HALF_OPEN_AFTER)
                            + ", but was " + v.shown(RECOVERY_TIMEOUT)),
            new CrossCheck(List.of(HEALTH_CHECK, HEALTH_URL), v ->
                    v.value(HEALTH_CHECK) == null || v.value(HEALTH_URL) == null ? null
                            : "healthCheck and healthUrl must not both be set (choose one), but healthCheck is "
                            + v.shown(HEALTH_CHECK) + " and healthUrl is " + v.shown(HEALTH_URL)));

    private Settings() {
    }

    private static <T> Setting<T> declare(String name, SettingType<T> type, T defaultValue, Attribute<T> attribute) {
        Setting<T> s = new Setting<>(DECLARED.size(), name, type, defaultValue, attribute);
        DECLARED.add(s);
        return s;
    }

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    /** The rules between settings. */
    public static List<CrossCheck> crossChecks() {
        return CROSS_CHECKS;
    }

    /** The setting with this name (the attribute's, the property's and the builder's), if any. */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every setting's name, sorted, comma-separated, for messages. */
    public static String names() {
        TreeSet<String> names = new TreeSet<>();
        ALL.forEach(s -> names.add(s.name()));
        return String.join(", ", names);
    }

    /**
     * Every setting that has a value in {@code values}, as property name and value (readable back as
     * {@code tripswitch.circuit.<name>.<setting>}), in declaration order: for reports.
     */
    public static Map<String, String> asProperties(Values values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            String text = s.writtenIn(values);
            if (!text.isEmpty() || values.get(s) != null) {
                out.put(s.name(), text);
            }
        }
        return out;
    }

    /**
     * The first broken rule among {@code values} given in code, or {@code null}; values still at their default
     * ({@code defaulted}, by setting index) are shown with "(default)".
     */
    public static String firstProblem(Values values, boolean[] defaulted) {
        Object[] raw = new Object[ALL.size()];
        String[] shown = new String[ALL.size()];
        for (Setting<?> s : ALL) {
            int i = s.index();
            raw[i] = values.get(s);
            shown[i] = values.shown(s) + (defaulted[i] ? " (default)" : "");
        }
        SettingValues view = new SettingValues(raw, shown);
        for (CrossCheck check : CROSS_CHECKS) {
            String problem = check.problem().apply(view);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
