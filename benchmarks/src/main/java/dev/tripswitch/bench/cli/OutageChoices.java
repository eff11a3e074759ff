package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.service.OrderService;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The outage suite's named choices on the command line, each refused with the flag, the value and what is allowed. */
final class OutageChoices {

    /** The suites {@code --outage-suite} names. */
    static final List<String> SUITES = List.of("shop", "service");

    private OutageChoices() {
    }

    /** {@code --outage-scenario}. */
    static final class Scenario implements CommandLine.ITypeConverter<OutageScenario> {
        @Override
        public OutageScenario convert(String value) {
            return scenario(value);
        }
    }

    /** {@code --outage-suite}. */
    static final class Suite implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return suite(value);
        }
    }

    /** {@code --service-down}. */
    static final class ServiceDown implements CommandLine.ITypeConverter<OrderService.DownMode> {
        @Override
        public OrderService.DownMode convert(String value) {
            return serviceDown(value);
        }
    }

    /** {@code --outage-arms}. */
    static final class Arms implements CommandLine.ITypeConverter<List<OutageArm>> {
        @Override
        public List<OutageArm> convert(String value) {
            return arms(value);
        }
    }

    static OutageScenario scenario(String value) {
        for (OutageScenario s : OutageScenario.values()) {
            if (s.id().equals(normal(value))) {
                return s;
            }
        }
        throw refused("--outage-scenario", value, OutageScenario.allowed());
    }

    static String suite(String value) {
        if (SUITES.contains(normal(value))) {
            return normal(value);
        }
        throw refused("--outage-suite", value, String.join(", ", SUITES));
    }

    static OrderService.DownMode serviceDown(String value) {
        OrderService.DownMode m = OrderService.DownMode.fromId(normal(value));
        if (m == null) {
            throw refused("--service-down", value, Arrays.stream(OrderService.DownMode.values())
                    .map(OrderService.DownMode::id).collect(Collectors.joining(", ")));
        }
        return m;
    }

    static List<OutageArm> arms(String value) {
        String allowed = Arrays.stream(OutageArm.values()).map(OutageArm::flagName).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw new CommandLine.TypeConversionException("--outage-arms needs at least one arm; allowed: " + allowed);
        }
        Set<OutageArm> out = new LinkedHashSet<>();
        for (String raw : value.split(",")) {
            OutageArm a = OutageArm.fromFlagName(normal(raw).replace('_', '-'));
            if (a == null) {
                throw refused("--outage-arms", raw.trim(), allowed);
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    private static String normal(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static CommandLine.TypeConversionException refused(String flag, String value, String allowed) {
        return new CommandLine.TypeConversionException(flag + ": '" + value + "' is not allowed; allowed: " + allowed);
    }
}
