package dev.tripswitch.store;

import dev.tripswitch.CircuitState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SharedState} as named fields: the file store writes them as {@code key=value} lines, the Redis store
 * keeps them in a hash (its Lua script reads and writes the same names). Leases are {@code lease.<id>} fields,
 * transitions {@code history.<i>} fields ({@code from|to|atMillis|reason}).
 */
public final class SharedStateFields {

    private SharedStateFields() {
    }

    /** The state as {@code key=value} lines, values escaped. */
    static String encode(SharedState s) {
        StringBuilder b = new StringBuilder(512);
        line(b, "state", s.state().name());
        line(b, "version", s.version());
        line(b, "epoch", s.epoch());
        line(b, "since", s.sinceMillis());
        line(b, "failureCount", s.failureCount());
        line(b, "wait", s.waitMillis());
        line(b, "openedAt", s.openedAtMillis());
        line(b, "nextProbe", s.nextProbeMillis());
        line(b, "probeSuccesses", s.probeSuccesses());
        SharedState.Totals t = s.totals();
        line(b, "successes", t.successes());
        line(b, "failures", t.failures());
        line(b, "ignored", t.ignored());
        line(b, "rejected", t.rejected());
        line(b, "timesOpened", t.timesOpened());
        if (s.lastFailure() != null) {
            line(b, "lastFailure.type", s.lastFailure().type());
            line(b, "lastFailure.at", s.lastFailure().atMillis());
            if (s.lastFailure().message() != null) {
                line(b, "lastFailure.message", s.lastFailure().message());
            }
        }
        s.leases().forEach((id, expiry) -> line(b, "lease." + id, expiry));
        for (int i = 0; i < s.history().size(); i++) {
            SharedState.Change c = s.history().get(i);
            line(b, "history." + i, c.from() + "|" + c.to() + "|" + c.atMillis() + "|" + c.reason());
        }
        return b.toString();
    }

    /** The state written as lines by {@link #encode}. */
    static SharedState decode(String text, long now) {
        Map<String, String> m = new HashMap<>();
        for (String raw : text.split("\n")) {
            int eq = raw.indexOf('=');
            if (eq > 0) {
                m.put(raw.substring(0, eq), unescape(raw.substring(eq + 1)));
            }
        }
        return fromFields(m, now);
    }

    /** The state that fields {@code m} describe, read at {@code now} (the store's clock). */
    public static SharedState fromFields(Map<String, String> m, long now) {
        Map<String, Long> leases = new HashMap<>();
        List<SharedState.Change> history = new ArrayList<>();
        for (int i = 0; m.containsKey("history." + i); i++) {
            String[] parts = m.get("history." + i).split("\\|", 4);
            history.add(new SharedState.Change(CircuitState.valueOf(parts[0]), CircuitState.valueOf(parts[1]),
                    Long.parseLong(parts[2]), parts[3]));
        }
        m.forEach((k, v) -> {
            if (k.startsWith("lease.")) {
                leases.put(k.substring("lease.".length()), Long.parseLong(v));
            }
        });
        SharedState.Failure last = m.containsKey("lastFailure.type") ? new SharedState.Failure(m.get("lastFailure.type"),
                m.get("lastFailure.message"), num(m, "lastFailure.at")) : null;
        return new SharedState(CircuitState.valueOf(m.get("state")), num(m, "version"), num(m, "epoch"),
                num(m, "since"), (int) num(m, "failureCount"), num(m, "wait"), num(m, "openedAt"),
                num(m, "nextProbe"), (int) num(m, "probeSuccesses"), leases,
                new SharedState.Totals(num(m, "successes"), num(m, "failures"), num(m, "ignored"),
                        num(m, "rejected"), num(m, "timesOpened")), last, history, now);
    }

    private static long num(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in the state file");
        }
        return Long.parseLong(v);
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=');
        String v = String.valueOf(value);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        b.append('\n');
    }

    private static String unescape(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
