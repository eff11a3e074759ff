package dev.tripswitch.aspectj;

import org.aspectj.lang.JoinPoint;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The join-point cache of the aspect: an open-addressing table of {@link JoinPointProtection}s found by their
 * static part, compared by identity, read without locks, written (once per join point, and again when its
 * binding changes) by copying under a lock.
 *
 * <p>Why not a {@code ConcurrentHashMap} or {@link System#identityHashCode}: both hash by the object's identity
 * hash, which static parts keep, and in a tight loop that look-up was the largest part of what the woven call adds
 * to a direct {@code circuit.execute} (several ns of about ten). Hashing on the join point's id and source line,
 * fields the static part already holds, costs a few loads. The slots hold the protections themselves (no entry
 * object between them), and a protection is immutable: a call reads the table, its slot and the protection's
 * circuit, one load after the other, and nothing more stands between the join point and its circuit. In front of
 * the table, the protection found last: a join point called again and again is found without hashing.
 */
final class JoinPointTable {

    private volatile JoinPointProtection[] table = new JoinPointProtection[64];
    private int size;
    /**
     * The protection found last: a join point called in a loop (a page object's method polled, a client called
     * for each row of data) is found by one load and one comparison. A plain field: a protection is immutable
     * (final fields), so a thread that reads another's write sees it whole, and an outdated one is only a miss.
     */
    private JoinPointProtection last;

    /** The protection of {@code part}, made by {@code make} at its first look-up. */
    JoinPointProtection get(JoinPoint.StaticPart part, Function<JoinPoint.StaticPart, JoinPointProtection> make) {
        JoinPointProtection l = last;
        if (l != null && l.part() == part) {
            return l;
        }
        JoinPointProtection[] t = table;
        int mask = t.length - 1;
        for (int i = hash(part) & mask; ; i = (i + 1) & mask) {
            JoinPointProtection p = t[i];
            if (p == null) {
                return add(part, make);
            }
            if (p.part() == part) {
                last = p;
                return p;
            }
        }
    }

    /**
     * Puts {@code change.apply(current)} in the place of {@code current} (the protection of {@code current.part()}),
     * unless another thread changed it first; returns what the slot holds afterwards.
     */
    synchronized JoinPointProtection replace(JoinPointProtection current, UnaryOperator<JoinPointProtection> change) {
        JoinPointProtection[] t = table;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null && t[i].part() == current.part()) {
                if (t[i] != current) {
                    last = t[i]; // replaced by another thread already (a look-up may have kept the old one as last)
                    return t[i];
                }
                JoinPointProtection[] copy = t.clone();
                copy[i] = change.apply(current);
                table = copy;
                last = copy[i];
                return copy[i];
            }
        }
        throw new IllegalStateException("Tripswitch: " + current + " is not in the aspect's join-point table");
    }

    private synchronized JoinPointProtection add(JoinPoint.StaticPart part,
                                                 Function<JoinPoint.StaticPart, JoinPointProtection> make) {
        for (JoinPointProtection p : table) {
            if (p != null && p.part() == part) {
                return p; // another thread added it first
            }
        }
        JoinPointProtection value = make.apply(part);
        JoinPointProtection[] grown = new JoinPointProtection[(size + 1) * 2 > table.length ? table.length * 2
                : table.length];
        for (JoinPointProtection p : table) {
            if (p != null) {
                put(grown, p);
            }
        }
        put(grown, value);
        size++;
        table = grown;
        return value;
    }

    /** Spreads join points over the table: the id (unique within its type) mixed with the source line. */
    private static int hash(JoinPoint.StaticPart part) {
        int h = part.getId() * 0x9E3779B9 + part.getSourceLocation().getLine();
        return h ^ (h >>> 16);
    }

    private static void put(JoinPointProtection[] t, JoinPointProtection p) {
        int mask = t.length - 1;
        int i = hash(p.part()) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = p;
    }
}
