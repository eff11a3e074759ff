package dev.tripswitch.bench.recovery;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures CPU time and memory while something runs: this JVM's process CPU time
 * ({@code OperatingSystemMXBean.getProcessCpuTime}) and, by sampling {@code /proc/<pid>/stat} every
 * {@value #SAMPLE_MILLIS} ms, the CPU time and resident memory of every descendant process of this JVM — the
 * drivers and the browsers they start (the sample app runs inside this JVM, so nothing else is a descendant).
 *
 * <p>A process that exits between two samples loses its CPU time since the last sample, so browser CPU time is a
 * slight underestimate, the same in both arms. Linux only; elsewhere the browser figures stay 0.
 */
public final class ProcessMeter implements AutoCloseable {

    static final int SAMPLE_MILLIS = 100;
    private static final long TICKS_PER_SECOND = ticksPerSecond();
    private static final long PAGE_SIZE = 4096;

    private final long jvmCpuStartNs;
    private final Map<Long, Long> ticksAtStart = new HashMap<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakRssBytes;
    private long jvmCpuNs = -1;

    private ProcessMeter() {
        for (Map.Entry<Long, long[]> e : readDescendants().entrySet()) {
            ticksAtStart.put(e.getKey(), e.getValue()[0]);
        }
        jvmCpuStartNs = processCpuNanos();
        sampler = new Thread(this::sampleLoop, "benchmark-process-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static ProcessMeter start() {
        return new ProcessMeter();
    }

    /** Stops sampling (idempotent); the getters are final afterwards. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        sampleOnce();
        jvmCpuNs = processCpuNanos() - jvmCpuStartNs;
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public double jvmCpuMs() {
        return jvmCpuNs / 1e6;
    }

    public synchronized double browserCpuMs() {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : lastTicks.entrySet()) {
            ticks += e.getValue() - ticksAtStart.getOrDefault(e.getKey(), 0L);
        }
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    public synchronized double peakBrowserRssMb() {
        return peakRssBytes / (1024.0 * 1024.0);
    }

    private void sampleLoop() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sampleOnce() {
        long rss = 0;
        for (Map.Entry<Long, long[]> e : readDescendants().entrySet()) {
            lastTicks.merge(e.getKey(), e.getValue()[0], Math::max);
            rss += e.getValue()[1];
        }
        peakRssBytes = Math.max(peakRssBytes, rss);
    }

    /** pid → {utime + stime in ticks, rss in bytes} for every live descendant of this JVM. */
    private static Map<Long, long[]> readDescendants() {
        Map<Long, long[]> out = new HashMap<>();
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        for (ProcessHandle p : all) {
            long[] v = readStat(p.pid());
            if (v != null) {
                out.put(p.pid(), v);
            }
        }
        return out;
    }

    /** Fields 14 (utime), 15 (stime) and 24 (rss, pages) of {@code /proc/<pid>/stat}. */
    static long[] readStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return parseStat(stat);
        } catch (IOException | RuntimeException e) {
            return null; // gone, or not Linux
        }
    }

    static long[] parseStat(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2); // the name may contain spaces
        String[] f = afterName.trim().split("\\s+");
        // afterName starts at field 3 (state): field k is f[k - 3]
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        long rssPages = Long.parseLong(f[24 - 3]);
        return new long[]{utime + stime, rssPages * PAGE_SIZE};
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100; // the Linux default
        }
    }
}
