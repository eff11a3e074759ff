package dev.tripswitch.report.suggest;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, from the history's runs, what a circuit met in each part: its dependency's availability over time and its
 * tests ({@link CircuitTimeline}).
 *
 * <p>The assumptions, which docs/history.md states too:
 * <ul>
 *   <li><b>Signs.</b> A test that ran shows the dependency at the moment it started (after any waiting): a counted
 *       failure shows it down; a pass, or a failure that does not count (an assertion: the dependency answered),
 *       shows it up. A health answer shows it at its moment; a circuit that closed shows it up then. Refused,
 *       deferred and aborted tests show nothing.</li>
 *   <li><b>Outages.</b> Consecutive down signs are one outage. It began halfway between the last up sign before it
 *       and its first down sign (at the part's start when there is none), and ended halfway between its last down
 *       sign and the next up sign. When nothing showed the dependency back (an open circuit refused every test until
 *       the end), it lasted beyond the part's end. While the recorded circuit was open and no test or health check
 *       looked, the end is a guess: halfway is the middle of what the history allows.</li>
 *   <li><b>Tests.</b> A part's tests in the order they first asked the circuit, each with the time the suite spent
 *       between it and the previous one (waiting excluded). A test that ran takes its own recorded time (waiting
 *       excluded) to pass; one that never ran takes the circuit's median passing time. A doomed test takes its own
 *       recorded time if it failed and counted, else the circuit's median counted-failure time (the median passing
 *       time when the history has no counted failure). A deferred test that ran again is one test, at the place it
 *       first asked.</li>
 *   <li><b>Parts.</b> Each part (one JVM) is replayed on its own, its tests one after another, even where the
 *       recorded tests overlapped (parallel tests): the time figures of a parallel part overstate.</li>
 * </ul>
 */
public final class Reconstruction {

    private static final long DEFAULT_TEST_MILLIS = 1000;

    private final String circuit;
    private final long medianPassMillis;
    private final long medianFailMillis;

    private Reconstruction(String circuit, long medianPassMillis, long medianFailMillis) {
        this.circuit = circuit;
        this.medianPassMillis = medianPassMillis;
        this.medianFailMillis = medianFailMillis;
    }

    /** The timelines of {@code circuit} in {@code runs} (read with their tests), a part after another, oldest first. */
    public static List<CircuitTimeline> of(String circuit, List<HistoryRun> runs) {
        List<Long> pass = new ArrayList<>();
        List<Long> fail = new ArrayList<>();
        for (HistoryRun run : runs) {
            for (PartFile p : run.parts()) {
                for (PartFile.Test t : p.tests()) {
                    if (circuit.equals(t.circuit())) {
                        if ("PASSED".equals(t.fate())) {
                            pass.add(ownTime(t));
                        } else if ("FAILED_COUNTED".equals(t.fate())) {
                            fail.add(ownTime(t));
                        }
                    }
                }
            }
        }
        long medianPass = median(pass, DEFAULT_TEST_MILLIS);
        Reconstruction r = new Reconstruction(circuit, medianPass, median(fail, medianPass));
        List<CircuitTimeline> out = new ArrayList<>();
        for (HistoryRun run : runs) {
            for (PartFile p : run.parts()) {
                PartFile.Circuit c = p.circuits().stream().filter(x -> x.name().equals(circuit)).findFirst()
                        .orElse(null);
                if (c != null) {
                    out.add(r.timeline(run.runId(), p, c));
                }
            }
        }
        return out;
    }

    /** A sign of the dependency: up or down at a moment; {@code mark}: the test mark's place in asking order, or -1. */
    private record Sign(long at, boolean up, int mark) {
    }

    private CircuitTimeline timeline(String runId, PartFile part, PartFile.Circuit c) {
        Instant start = Instant.parse(part.startedAt());
        List<PartFile.Test> asked = part.tests().stream().filter(t -> circuit.equals(t.circuit()))
                .sorted(Comparator.comparingLong(PartFile.Test::at)).toList();
        Map<PartFile.Test, Integer> order = new java.util.IdentityHashMap<>(); // each mark's place in asking order
        for (int n = 0; n < asked.size(); n++) {
            order.put(asked.get(n), n);
        }
        List<List<PartFile.Test>> byTest = new ArrayList<>();
        Map<String, List<PartFile.Test>> waitingForReplay = new LinkedHashMap<>();
        asked.forEach(t -> {
                    List<PartFile.Test> deferred = t.replayed() ? waitingForReplay.remove(key(t)) : null;
                    if (deferred != null) {
                        deferred.add(t); // its run again: the same test, at the place it first asked
                        if ("DEFERRED".equals(t.fate())) {
                            waitingForReplay.put(key(t), deferred); // refused again, for a later round
                        }
                        return;
                    }
                    List<PartFile.Test> marks = new ArrayList<>(List.of(t));
                    byTest.add(marks);
                    if ("DEFERRED".equals(t.fate())) {
                        waitingForReplay.putIfAbsent(key(t), marks);
                    }
                });
        List<ReplayTest> tests = new ArrayList<>();
        List<Sign> signs = new ArrayList<>();
        long previousEnd = 0;
        for (List<PartFile.Test> marks : byTest) {
            PartFile.Test first = marks.get(0);
            PartFile.Test ran = marks.stream().filter(Reconstruction::ran).findFirst().orElse(null);
            ReplayTest.Kind kind = ReplayTest.Kind.PASSES;
            long passMillis = medianPassMillis;
            long failMillis = medianFailMillis;
            if (ran != null) {
                switch (ran.fate()) {
                    case "FAILED_COUNTED" -> failMillis = ownTime(ran);
                    case "FAILED_NOT_COUNTED" -> {
                        kind = ReplayTest.Kind.FAILS_ITS_ASSERTION;
                        passMillis = ownTime(ran);
                    }
                    case "ABORTED" -> {
                        kind = ReplayTest.Kind.ABORTS;
                        passMillis = ownTime(ran);
                    }
                    default -> passMillis = ownTime(ran);
                }
                if (kind != ReplayTest.Kind.ABORTS) {
                    signs.add(new Sign(ran.at() + ran.waitedMs(), !"FAILED_COUNTED".equals(ran.fate()),
                            order.get(ran)));
                }
            }
            long idle = Math.max(0, first.at() - previousEnd);
            previousEnd = Math.max(previousEnd, first.at() + first.ms());
            tests.add(new ReplayTest(first.className() + "." + first.name(), kind, idle, passMillis, failMillis));
        }
        for (PartFile.HealthAnswer h : c.healthAnswers()) {
            signs.add(new Sign(Instant.parse(h.at()).toEpochMilli() - start.toEpochMilli(), h.healthy(), -1));
        }
        for (PartFile.Transition t : c.transitions()) {
            if ("CLOSED".equals(t.to())) {
                signs.add(new Sign(Instant.parse(t.at()).toEpochMilli() - start.toEpochMilli(), true, -1));
            }
        }
        signs.sort(Comparator.comparingLong(Sign::at));
        return outages(runId, part.partId(), c, tests, signs);
    }

    private CircuitTimeline outages(String runId, String partId, PartFile.Circuit c, List<ReplayTest> tests,
                                    List<Sign> signs) {
        List<Availability.Outage> outages = new ArrayList<>();
        int blips = 0;
        int downSigns = 0;
        long lastUp = -1;
        int i = 0;
        while (i < signs.size()) {
            Sign s = signs.get(i);
            if (s.up()) {
                lastUp = s.at();
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < signs.size() && !signs.get(j + 1).up()) {
                j++;
            }
            downSigns += j - i + 1;
            Sign lastDown = signs.get(j);
            long from = lastUp < 0 ? 0 : (lastUp + s.at()) / 2;
            long to = Long.MAX_VALUE;
            boolean blip = false;
            if (j + 1 < signs.size()) {
                Sign back = signs.get(j + 1);
                to = Math.max(lastDown.at() + 1, (lastDown.at() + back.at()) / 2);
                if (lastDown.mark() >= 0 && back.mark() == lastDown.mark() + 1) {
                    blips++; // the very next test to ask ran and found it back
                    blip = true;
                }
            }
            outages.add(new Availability.Outage(Math.min(from, s.at()), to, blip));
            i = j + 1;
        }
        // a check its settings name, or one they do not and that answered (a dependency circuit's own connect check)
        boolean health = c.settings().containsKey("healthCheck") || c.settings().containsKey("healthUrl")
                || !c.healthAnswers().isEmpty();
        return new CircuitTimeline(runId, partId, circuit, Availability.withOutages(outages), tests, health, blips,
                downSigns);
    }

    private static boolean ran(PartFile.Test t) {
        return switch (t.fate()) {
            case "PASSED", "FAILED_COUNTED", "FAILED_NOT_COUNTED", "ABORTED" -> true;
            default -> false;
        };
    }

    private static String key(PartFile.Test t) {
        return t.id() != null ? t.id() : t.className() + "#" + t.name();
    }

    /** A test's own time: from asking to its outcome, less its waiting. */
    private static long ownTime(PartFile.Test t) {
        return Math.max(0, t.ms() - t.waitedMs());
    }

    private static long median(List<Long> values, long otherwise) {
        if (values.isEmpty()) {
            return otherwise;
        }
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
