package dev.tripswitch.bench.overhead;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Scratch driver (not part of the project): alternates the TestNG arms, each on its own named thread, for JFR. */
public final class ProfDriver {
    public static void main(String[] args) throws Exception {
        System.setProperty("tripswitch.history", System.getProperty("tripswitch.history", "off"));
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "100");
        if (args.length > 1) {
            TrivialSuites.count(Integer.parseInt(args[1]));
        }
        TestNGSuiteRunner runner = new TestNGSuiteRunner();
        ExecutorService prot = Executors.newSingleThreadExecutor(r -> new Thread(r, "protected"));
        ExecutorService unprot = Executors.newSingleThreadExecutor(r -> new Thread(r, "unprotected"));
        ExecutorService warm = Executors.newSingleThreadExecutor(r -> new Thread(r, "warmup"));
        long p = 0, u = 0;
        for (int i = -10; i < rounds; i++) {
            Trial a = (i < 0 ? warm : prot).submit(() -> runner.run(true)).get();
            Trial b = (i < 0 ? warm : unprot).submit(() -> runner.run(false)).get();
            if (i >= 0) { p += a.cpuNanos(); u += b.cpuNanos(); }
        }
        prot.shutdown(); unprot.shutdown(); warm.shutdown();
        System.out.printf("rounds %d, tests %d, mean cpu us/test protected %.3f unprotected %.3f diff %.3f%n", rounds,
                TrivialSuites.count(), p / 1e3 / rounds / TrivialSuites.count(), u / 1e3 / rounds / TrivialSuites.count(),
                (p - u) / 1e3 / rounds / TrivialSuites.count());
    }
}
