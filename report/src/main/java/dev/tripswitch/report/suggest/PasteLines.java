package dev.tripswitch.report.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The settings to change, written to paste: as {@code @CircuitProtected} attributes, or as property lines. */
public final class PasteLines {

    private PasteLines() {
    }

    /** {@code @CircuitProtected(value = "shop", failureThreshold = 4, halfOpenAfter = "45s", whenOpen = WhenOpen.WAIT)}. */
    public static String annotation(String circuit, Map<String, String> changes) {
        StringBuilder s = new StringBuilder("@CircuitProtected(value = \"").append(escape(circuit)).append('"');
        changes.forEach((name, value) -> {
            s.append(", ").append(name).append(" = ");
            switch (name) {
                case "failureThreshold" -> s.append(value);
                case "whenOpen" -> s.append("WhenOpen.").append(value);
                default -> s.append('"').append(value).append('"');
            }
        });
        return s.append(')').toString();
    }

    /** {@code tripswitch.circuit.shop.failureThreshold=4}, a line per setting. */
    public static List<String> properties(String circuit, Map<String, String> changes) {
        List<String> out = new ArrayList<>();
        changes.forEach((name, value) -> out.add("tripswitch.circuit." + circuit + "." + name + "=" + value));
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
