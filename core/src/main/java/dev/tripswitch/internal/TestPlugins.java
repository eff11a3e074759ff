package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.spi.AdmittedTest;
import dev.tripswitch.spi.BeforeBodyStep;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.spi.RunRecordListener;
import dev.tripswitch.spi.RunSummaryContributor;
import dev.tripswitch.spi.TestParameterSource;
import dev.tripswitch.spi.TestScope;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plug-ins of other modules ({@code dev.tripswitch.spi}) that {@link java.util.ServiceLoader} finds, loaded once
 * per run, and how a run calls them.
 */
public final class TestPlugins {

    private static final System.Logger LOG = System.getLogger(TestPlugins.class.getName());

    /** No plug-ins (for tests of the protocol). */
    public static final TestPlugins NONE = new TestPlugins(List.of(), List.of(), List.of());

    private final List<BeforeBodyStep> steps;
    private final List<TestParameterSource> parameters;
    private final List<RunSummaryContributor> summaries;
    private final List<RunRecordListener> records;

    public TestPlugins(List<BeforeBodyStep> steps, List<TestParameterSource> parameters,
                       List<RunSummaryContributor> summaries) {
        this(steps, parameters, summaries, List.of());
    }

    public TestPlugins(List<BeforeBodyStep> steps, List<TestParameterSource> parameters,
                       List<RunSummaryContributor> summaries, List<RunRecordListener> records) {
        this.steps = List.copyOf(steps);
        this.parameters = List.copyOf(parameters);
        this.summaries = List.copyOf(summaries);
        this.records = records.stream().filter(TestPlugins::wantsRecords).toList();
    }

    /** The plug-ins on the class path of the thread's context class loader. */
    public static TestPlugins load() {
        ClassLoader loader = Services.contextLoader(TestPlugins.class);
        return new TestPlugins(Services.load(BeforeBodyStep.class, loader, "before-body step"),
                Services.load(TestParameterSource.class, loader, "test parameter source"),
                Services.load(RunSummaryContributor.class, loader, "run summary contributor"),
                Services.load(RunRecordListener.class, loader, "run record listener"));
    }

    public boolean hasBeforeBody(Method testMethod, Class<?> testClass) {
        for (BeforeBodyStep s : steps) {
            if (s.appliesTo(testMethod, testClass)) {
                return true;
            }
        }
        return false;
    }

    /** Every step that applies, in order; their report entries merged by key. */
    public Map<String, List<?>> beforeBody(AdmittedTest test, Method testMethod, Class<?> testClass,
                                           TestScope scope) {
        Map<String, List<?>> reports = new LinkedHashMap<>();
        for (BeforeBodyStep s : steps) {
            if (s.appliesTo(testMethod, testClass)) {
                s.beforeBody(test, testMethod, testClass, scope).forEach((key, entries) -> {
                    List<Object> all = new ArrayList<>(reports.getOrDefault(key, List.of()));
                    all.addAll(entries);
                    reports.put(key, List.copyOf(all));
                });
            }
        }
        return reports;
    }

    public boolean givesParameter(Class<?> type) {
        return source(type) != null;
    }

    /** @throws IllegalArgumentException when no plug-in gives {@code type} */
    public Object parameter(Class<?> type, TestScope scope) {
        TestParameterSource s = source(type);
        if (s == null) {
            throw new IllegalArgumentException("no Tripswitch module gives a parameter of type " + type.getName());
        }
        return s.parameter(type, scope);
    }

    private TestParameterSource source(Class<?> type) {
        for (TestParameterSource s : parameters) {
            if (s.gives(type)) {
                return s;
            }
        }
        return null;
    }

    /** True when some {@link RunRecordListener} wants the run's record: only then is it collected. */
    public boolean wantsRecords() {
        return !records.isEmpty();
    }

    /** Hands the run's record to each listener that wants it; their lines, one that throws logged and left out. */
    public List<String> runEnded(RunRecord record) {
        List<String> lines = new ArrayList<>();
        for (RunRecordListener l : records) {
            try {
                lines.addAll(l.runEnded(record));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: run record listener " + l.getClass().getName()
                        + " threw; its lines are left out", e);
            }
        }
        return lines;
    }

    private static boolean wantsRecords(RunRecordListener l) {
        try {
            return l.wantsRecords();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch: run record listener " + l.getClass().getName()
                    + " threw when asked whether it wants records; it gets none", e);
            return false;
        }
    }

    /** The contributors' lines; one that throws is logged and left out. */
    public List<String> summaryLines(CircuitBreakerRegistry registry) {
        List<String> lines = new ArrayList<>();
        for (RunSummaryContributor c : summaries) {
            try {
                lines.addAll(c.summaryLines(registry));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING,
                        "Tripswitch: run summary contributor " + c.getClass().getName() + " threw; its lines are left out", e);
            }
        }
        return lines;
    }
}
