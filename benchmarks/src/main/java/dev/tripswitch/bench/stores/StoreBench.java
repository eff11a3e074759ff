package dev.tripswitch.bench.stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the shared-store benchmarks ({@code benchmarks/run-stores.sh}):
 * <pre>
 *   outage      [--stores=memory,file,redis] [--repeats=1] [--jvms=4] [--tests=200] [--workMs=10] [--failMs=200]
 *               [--downAfterMs=1000] [--downForMs=3000] [--failureThreshold=3] [--halfOpenAfterMs=500]
 *   propagation [--stores=file,redis] [--openings=60]
 * </pre>
 * Prints Markdown tables, with the time and the load average before and after.
 */
public final class StoreBench {

    private static final Set<String> OUTAGE = Set.of("stores", "repeats", "jvms", "tests", "workMs", "failMs",
            "downAfterMs", "downForMs", "failureThreshold", "halfOpenAfterMs");
    private static final Set<String> PROPAGATION = Set.of("stores", "openings");

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            return;
        }
        try {
            switch (args[0]) {
                case "outage" -> outage(options(args, OUTAGE));
                case "propagation" -> propagation(options(args, PROPAGATION));
                default -> throw new IllegalArgumentException("unknown benchmark '" + args[0]
                        + "'; allowed: outage, propagation");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    private static String usage() {
        String doc = "usage: run-stores.sh outage [--stores=memory,file,redis] [--repeats=1] [--jvms=4] [--tests=200]"
                + " [--workMs=10] [--failMs=200] [--downAfterMs=1000] [--downForMs=3000 (-1: never up again)]"
                + " [--failureThreshold=3] [--halfOpenAfterMs=500]\n"
                + "       run-stores.sh propagation [--stores=file,redis] [--openings=60]";
        return doc;
    }

    private static Map<String, String> options(String[] args, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !allowed.contains(a.substring(2, eq))) {
                throw new IllegalArgumentException("option '" + a + "' is refused; allowed for " + args[0] + ": "
                        + allowed.stream().sorted().map(o -> "--" + o + "=...").toList());
            }
            out.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return out;
    }

    private static long number(Map<String, String> o, String name, long byDefault) {
        String v = o.get(name);
        if (v == null) {
            return byDefault;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + "=" + v + " is refused; allowed: a whole number");
        }
    }

    private static void outage(Map<String, String> o) throws Exception {
        StoreOutage.Settings d = StoreOutage.Settings.defaults();
        StoreOutage.Settings s = new StoreOutage.Settings((int) number(o, "jvms", d.jvms()),
                (int) number(o, "tests", d.tests()), number(o, "workMs", d.workMs()), number(o, "failMs", d.failMs()),
                number(o, "downAfterMs", d.downAfterMs()), number(o, "downForMs", d.downForMs()),
                (int) number(o, "failureThreshold", d.failureThreshold()),
                number(o, "halfOpenAfterMs", d.halfOpenAfterMs()));
        List<StoreKind> stores = StoreKind.parseList("--stores", o.getOrDefault("stores", "memory,file,redis"));
        long repeats = number(o, "repeats", 1);
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats=" + repeats + " is refused; allowed: 1 or more");
        }
        header("outage " + s);
        System.out.println("| round | store | JVMs | failures | of which probes | skipped | passed | wall ms | slowest JVM ms"
                + " | store: opened | target failures |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int round = 1; round <= repeats; round++) {
            for (StoreKind store : stores) { // interleaved, so that a change in load falls on every store
                StoreOutage.Result r = StoreOutage.run(store, s);
                String target = store == StoreKind.MEMORY ? "= " + s.jvms() + " x " + s.failureThreshold() + " = "
                        + s.jvms() * s.failureThreshold() : "= " + s.failureThreshold();
                System.out.printf("| %d | %s | %d | %d | %d | %d | %d | %d | %d | %s | %s |%n", round, store.label(),
                        r.jvms(), r.failed(), r.probeFailures(), r.skipped(), r.passed(), r.wallMillis(),
                        r.slowestJvmMillis(), r.shared() == null ? "-" : Long.toString(r.shared().timesOpened()),
                        target);
                System.out.flush();
            }
        }
        footer();
    }

    private static void propagation(Map<String, String> o) throws Exception {
        List<StoreKind> stores = StoreKind.parseList("--stores", o.getOrDefault("stores", "file,redis"));
        int openings = (int) number(o, "openings", 60);
        StorePropagation.check(stores, openings); // before the header: a refused option prints no table
        header("propagation, " + openings + " openings per store");
        System.out.println("| store | openings | p50 ms | p90 ms | p99 ms | max ms | target p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (StoreKind store : stores) {
            StorePropagation.Result r = StorePropagation.run(store, openings);
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", store.label(), r.nanos().length,
                    r.percentile(50) / 1e6, r.percentile(90) / 1e6, r.percentile(99) / 1e6, r.max() / 1e6,
                    store == StoreKind.FILE ? "<= 100 ms" : "<= 50 ms");
            System.out.flush();
        }
        footer();
    }

    private static void header(String what) throws IOException {
        System.out.println("# " + Instant.now() + " " + what);
        System.out.println("# nproc " + Runtime.getRuntime().availableProcessors() + "; load average " + load());
    }

    private static void footer() throws IOException {
        System.out.println("# load average after the run " + load());
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        if (!Files.exists(p)) {
            return "unknown";
        }
        String[] f = Files.readString(p).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
