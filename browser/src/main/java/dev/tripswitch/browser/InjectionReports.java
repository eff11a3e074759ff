package dev.tripswitch.browser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How injection results are published to reports: a title, whether it went as intended, and JSON details. */
public final class InjectionReports {

    private InjectionReports() {
    }

    /** "Injected CRASH/SEVERE (verified)", "Injection of CRASH/SEVERE refused", ... */
    public static String title(InjectionResult r) {
        String what = r.type() + "/" + r.intensity();
        if (r.refused()) {
            return "Injection of " + what + " refused by the circuit";
        }
        if (!r.injected()) {
            return "Injection of " + what + " failed";
        }
        return "Injected " + what + (r.verified() ? " (verified)" : " (not verified)");
    }

    /** An injection counts as having gone as intended when it took effect, or was refused by the circuit. */
    public static boolean asIntended(InjectionResult r) {
        return r.refused() || (r.injected() && r.verified());
    }

    public static Map<String, Object> toMap(InjectionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type());
        m.put("intensity", r.intensity());
        m.put("mechanism", r.mechanism());
        m.put("injected", r.injected());
        m.put("verified", r.verified());
        m.put("observation", r.observation());
        m.put("refusalReason", r.refusalReason());
        m.put("recordedOnCircuit", r.recordedOnCircuit());
        m.put("lastsMillis", r.lasts());
        m.put("at", r.at());
        m.put("tookMillis", r.took());
        return m;
    }

    /** {@link #toMap} as a JSON object, one field a line (values are strings, booleans, durations in ms or null). */
    public static String json(InjectionResult r) {
        StringBuilder sb = new StringBuilder("{");
        String separator = "\n  ";
        for (Map.Entry<String, Object> e : toMap(r).entrySet()) {
            sb.append(separator);
            separator = ",\n  ";
            string(sb, e.getKey());
            sb.append(": ");
            Object v = e.getValue();
            if (v == null || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Duration d) {
                sb.append(d.toMillis());
            } else {
                string(sb, v.toString());
            }
        }
        return sb.append("\n}").toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        sb.append('"');
    }
}
