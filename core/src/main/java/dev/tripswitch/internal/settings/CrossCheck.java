package dev.tripswitch.internal.settings;

import java.util.List;
import java.util.function.Function;

/**
 * A rule between settings, checked once their values are merged from every place.
 *
 * @param involved the settings the rule reads (an error is blamed on the highest place that gave one of them)
 * @param problem  the message when the rule is broken, else {@code null}
 */
public record CrossCheck(List<Setting<?>> involved, Function<SettingValues, String> problem) {
}
