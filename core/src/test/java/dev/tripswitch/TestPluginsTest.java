package dev.tripswitch;

import dev.tripswitch.Admission.Verdict;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.TestPlugins;
import dev.tripswitch.spi.AdmittedTest;
import dev.tripswitch.spi.BeforeBodyStep;
import dev.tripswitch.spi.RunSummaryContributor;
import dev.tripswitch.spi.TestParameterSource;
import dev.tripswitch.spi.TestScope;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol with other modules' plug-ins (dev.tripswitch.spi), as fakes: no framework, no browser. */
class TestPluginsTest {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(MutableClock.start()).build();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final ProtectedTestListener recorder = new ProtectedTestListener() {
        @Override
        public void onTestNote(TestIdentity test, String title, boolean ok, String detailsJson) {
            notes.add(test.methodName() + ": " + title + " " + ok + " " + detailsJson);
        }
    };
    private final Protection shop = Protection.by(CircuitDefinition.builder("shop", "this test")
            .failureThreshold(2).build());

    /** Applies to test methods whose name starts with "crash": records one failure, as an injected crash does. */
    static final class CrashStep implements BeforeBodyStep {
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Override
        public boolean appliesTo(Method testMethod, Class<?> testClass) {
            return testMethod.getName().startsWith("crash");
        }

        @Override
        public Map<String, List<?>> beforeBody(AdmittedTest test, Method testMethod, Class<?> testClass,
                                               TestScope scope) {
            ran.add(testMethod.getName());
            test.guardingCircuit().ifPresent(circuit -> {
                circuit.recordFailure(new IOException("injected crash"));
                test.injectedFaultCounted();
            });
            test.note("Injected crash", true, "{}");
            return Map.of("fake.injection", List.of("crash of " + testMethod.getName()));
        }
    }

    /** Applies to every test: one report entry under the same key as CrashStep's. */
    static final class MarkStep implements BeforeBodyStep {
        @Override
        public boolean appliesTo(Method testMethod, Class<?> testClass) {
            return true;
        }

        @Override
        public Map<String, List<?>> beforeBody(AdmittedTest test, Method testMethod, Class<?> testClass,
                                               TestScope scope) {
            return Map.of("fake.injection", List.of("mark"));
        }
    }

    /** Test methods the steps look at. */
    static final class Fixture {
        void crashTheBrowser() {
        }

        void plainTest() {
        }
    }

    private static Method method(String name) throws NoSuchMethodException {
        return Fixture.class.getDeclaredMethod(name);
    }

    private TestRun run(TestPlugins plugins) {
        return new TestRun(() -> registry, ProtectedTestEvents.of(recorder), plugins);
    }

    private static TestIdentity test(String name) {
        return new TestIdentity("test", "Fixture", name, "Fixture." + name);
    }

    @Test
    void injectedFaultCountedByAStep_theTestsOwnFailureFromItDoesNotCountAgain() throws Exception {
        CrashStep crash = new CrashStep();
        TestRun run = run(new TestPlugins(List.of(crash), List.of(), List.of()));
        Method test = method("crashTheBrowser");
        Admission admission = run.admit(test("crashTheBrowser"), shop);

        assertThat(run.hasBeforeBody(test, Fixture.class)).isTrue();
        Map<String, List<?>> reports = run.beforeBody(admission, test, Fixture.class, new TestScope());
        Outcome outcome = admission.failed(new IOException("tab crashed"));

        assertThat(reports).containsExactly(Map.entry("fake.injection", List.of("crash of crashTheBrowser")));
        assertThat(outcome).isEqualTo(Outcome.FAILED_COUNTED);
        CircuitBreaker circuit = registry.find("shop").orElseThrow();
        assertThat(circuit.snapshot().totalFailures()).as("one fault, one failure").isEqualTo(1);
        assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(notes).containsExactly("crashTheBrowser: Injected crash true {}");
    }

    @Test
    void stepsThatDoNotApply_areNotRun_andARefusedTestGetsNoStepAtAll() throws Exception {
        CrashStep crash = new CrashStep();
        TestRun run = run(new TestPlugins(List.of(crash), List.of(), List.of()));
        assertThat(run.hasBeforeBody(method("plainTest"), Fixture.class)).isFalse();
        assertThat(run.beforeBody(run.admit(test("plainTest"), shop), method("plainTest"), Fixture.class,
                new TestScope())).isEmpty();

        CircuitBreaker circuit = run.circuitOf(shop);
        circuit.recordFailure(new IOException("shop down"));
        circuit.recordFailure(new IOException("shop down"));
        Admission refused = run.admit(test("crashTheBrowser"), shop);
        assertThat(refused.verdict()).isEqualTo(Verdict.REFUSED);

        assertThat(run.beforeBody(refused, method("crashTheBrowser"), Fixture.class, new TestScope())).isEmpty();
        assertThat(crash.ran).isEmpty();
    }

    @Test
    void unguardedTest_getsItsSteps_withoutACircuit() throws Exception {
        CrashStep crash = new CrashStep();
        TestRun run = run(new TestPlugins(List.of(crash), List.of(), List.of()));
        Admission unguarded = run.admit(test("crashTheBrowser"), Protection.NONE);

        run.beforeBody(unguarded, method("crashTheBrowser"), Fixture.class, new TestScope());

        assertThat(crash.ran).containsExactly("crashTheBrowser");
        assertThat(registry.find("shop")).isEmpty();
    }

    @Test
    void twoStepsReportingUnderOneKey_theirEntriesAreMergedInStepOrder() throws Exception {
        TestRun run = run(new TestPlugins(List.of(new CrashStep(), new MarkStep()), List.of(), List.of()));
        Method test = method("crashTheBrowser");

        Map<String, List<?>> reports = run.beforeBody(run.admit(test("crashTheBrowser"), Protection.NONE), test,
                Fixture.class, new TestScope());

        assertThat(reports).containsExactly(Map.entry("fake.injection", List.of("crash of crashTheBrowser", "mark")));
    }

    @Test
    void summaryContributors_addTheirLinesAfterCoresOwn_oneThatThrowsIsLeftOut() {
        RunSummaryContributor throwing = r -> {
            throw new IllegalStateException("broken contributor");
        };
        RunSummaryContributor nodes = r -> List.of("node circuits of a registry with " + r.all().size() + " circuit(s)");
        TestRun run = run(new TestPlugins(List.of(), List.of(), List.of(throwing, nodes)));
        assertThat(run.summaryLines()).as("a run that used no circuit has no summary").isEmpty();

        run.admit(test("plainTest"), shop).passed();
        List<String> lines = run.summaryLines();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Tripswitch: circuit 'shop'");
        assertThat(lines.get(1)).isEqualTo("node circuits of a registry with 1 circuit(s)");
    }

    @Test
    void parameterSources_giveTheirTypes_keepingWhatTheyMakeInTheTestsScope() {
        TestParameterSource strings = new TestParameterSource() {
            @Override
            public boolean gives(Class<?> type) {
                return type == StringBuilder.class;
            }

            @Override
            public Object parameter(Class<?> type, TestScope scope) {
                return scope.resource(Held.class, Held::new).text;
            }
        };
        TestRun run = run(new TestPlugins(List.of(), List.of(strings), List.of()));
        TestScope scope = new TestScope();

        assertThat(run.givesParameter(StringBuilder.class)).isTrue();
        assertThat(run.givesParameter(String.class)).isFalse();
        assertThat(run.parameter(StringBuilder.class, scope)).isSameAs(run.parameter(StringBuilder.class, scope));
        assertThatThrownBy(() -> run.parameter(String.class, scope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no Tripswitch module gives a parameter of type java.lang.String");
    }

    /** A resource of a test scope. */
    static final class Held implements AutoCloseable {
        final StringBuilder text = new StringBuilder();

        @Override
        public void close() {
        }
    }
}
