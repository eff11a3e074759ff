package dev.tripswitch.bench.overhead;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Scratch driver (not part of the project): bytes allocated and thread CPU per protected TestNG test, per round. */
public final class AllocDriver {
    public static void main(String[] args) {
        System.setProperty("tripswitch.history", System.getProperty("tripswitch.history", "off"));
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "20");
        if (args.length > 1) {
            TrivialSuites.count(Integer.parseInt(args[1]));
        }
        int tests = TrivialSuites.count();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        TestNGSuiteRunner runner = new TestNGSuiteRunner();
        double[] bytes = new double[rounds];
        double[] cpu = new double[rounds];
        StringBuilder all = new StringBuilder();
        for (int i = -5; i < rounds; i++) {
            long a0 = mx.getThreadAllocatedBytes(tid);
            Trial p = runner.run(true);
            long a1 = mx.getThreadAllocatedBytes(tid);
            Trial u = runner.run(false);
            long a2 = mx.getThreadAllocatedBytes(tid);
            if (i >= 0) {
                bytes[i] = ((a1 - a0) - (a2 - a1)) / (double) tests;
                cpu[i] = (p.cpuNanos() - u.cpuNanos()) / 1000.0 / tests;
                all.append(String.format("ROUND %.3f %.3f %.3f %.0f%n", cpu[i], p.cpuNanos() / 1e6, u.cpuNanos() / 1e6, bytes[i]));
            }
        }
        System.out.print(all);
        Arrays.sort(bytes);
        Arrays.sort(cpu);
        System.out.printf("bytes/protected test: median %.0f (min %.0f max %.0f); cpu us paired median %.2f%n",
                bytes[rounds / 2], bytes[0], bytes[rounds - 1], cpu[rounds / 2]);
    }
}
