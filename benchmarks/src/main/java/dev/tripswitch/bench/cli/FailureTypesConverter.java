package dev.tripswitch.bench.cli;

import dev.tripswitch.browser.FailureType;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code --failure-types=a,b}: failure type names, case-insensitive, {@code -} or {@code _}, no duplicates. */
public final class FailureTypesConverter implements CommandLine.ITypeConverter<List<FailureType>> {

    @Override
    public List<FailureType> convert(String value) {
        return parse(value);
    }

    public static List<FailureType> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new CommandLine.TypeConversionException("--failure-types needs at least one failure type; allowed: "
                    + allowed());
        }
        Set<FailureType> out = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                out.add(FailureType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("--failure-types: '" + raw.trim()
                        + "' is not a failure type; allowed: " + allowed());
            }
        }
        return List.copyOf(out);
    }

    static String allowed() {
        return Arrays.stream(FailureType.values()).map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
