package dev.tripswitch.browser;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import java.lang.reflect.Method;
import java.util.List;

import static dev.tripswitch.browser.FailureIntensity.MILD;
import static dev.tripswitch.browser.FailureIntensity.MODERATE;
import static dev.tripswitch.browser.FailureIntensity.SEVERE;
import static dev.tripswitch.browser.FailureType.API_ERROR;
import static dev.tripswitch.browser.FailureType.CRASH;
import static dev.tripswitch.browser.FailureType.INTERNAL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnotatedInjectionsTest extends OneBrowserPerClass {

    @InjectBrowserFailure(type = INTERNAL_ERROR, intensity = MILD)
    static class Fixture {
        @InjectBrowserFailure(type = API_ERROR, intensity = MODERATE, delayMillis = 300)
        void apiDown() {
        }

        @InjectBrowserFailure(type = API_ERROR, intensity = MILD, recordOnCircuit = true)
        @InjectBrowserFailure(type = CRASH, intensity = SEVERE)
        void twoFailures() {
        }

        @InjectBrowserFailure(type = API_ERROR, delayMillis = -1)
        void badDelay() {
        }
    }

    static class Plain {
        void nothing() {
        }
    }




    private static Method method(Class<?> type, String name) throws Exception {
        return type.getDeclaredMethod(name);
    }

    private Object apiStatus() {
        return ((JavascriptExecutor) session.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {cache: 'no-store'}).then(r => done(r.status), e => done(String(e)));",
                pages.url("/api/data"));
    }

    @Test
    void annotations_areFoundClassFirstThenMethodInOrder() throws Exception {
        List<InjectBrowserFailure> found = AnnotatedInjections.find(method(Fixture.class, "twoFailures"), Fixture.class);
        assertThat(found).extracting(InjectBrowserFailure::type).containsExactly(INTERNAL_ERROR, API_ERROR, CRASH);
        assertThat(AnnotatedInjections.isAnnotated(method(Plain.class, "nothing"), Plain.class)).isFalse();
    }

    @Test
    void badDelay_isRefusedWithAnExactMessage() {
        assertThatThrownBy(() -> AnnotatedInjections.find(method(Fixture.class, "badDelay"), Fixture.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@InjectBrowserFailure requires that `delayMillis` be between 0 and 600000, but was -1.");
    }

    @Test
    void apply_injectsAfterTheDelay_andCloseUndoes() throws Exception {
        session.driver().get(pages.url("/"));
        long t0 = System.nanoTime();
        try (AppliedInjections applied = AnnotatedInjections.apply(method(Fixture.class, "apiDown"), Fixture.class,
                session, null)) {
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(applied.results()).extracting(InjectionResult::type).containsExactly(INTERNAL_ERROR, API_ERROR);
            assertThat(applied.results()).allSatisfy(r -> assertThat(r.verified()).as(r.describe()).isTrue());
            assertThat(apiStatus()).isEqualTo(500L);
        }
        assertThat(apiStatus()).isEqualTo(200L);
    }

    @Test
    void apply_followsTheCircuit_severeCrashRecordedOnce_mildRecordedWhenAsked() throws Exception {
        session.driver().get(pages.url("/"));
        CircuitBreaker circuit = CircuitBreaker.of("annotated-" + System.nanoTime(),
                CircuitBreakerConfig.custom().failureThreshold(5).build());
        try (AppliedInjections applied = AnnotatedInjections.apply(method(Fixture.class, "twoFailures"),
                Fixture.class, session, circuit)) {
            assertThat(applied.results()).extracting(InjectionResult::recordedOnCircuit)
                    .containsExactly(false, true, true);
            assertThat(applied.results()).allSatisfy(r -> assertThat(r.verified()).as(r.describe()).isTrue());
            assertThat(circuit.snapshot().totalFailures()).isEqualTo(2);
        }
        assertThat(session.healthy()).isTrue();
    }

    @Test
    void apply_whileOpen_refusesAll_andTheBrowserIsUntouched() throws Exception {
        session.driver().get(pages.url("/"));
        CircuitBreaker circuit = CircuitBreaker.of("annotated-open-" + System.nanoTime(),
                CircuitBreakerConfig.custom().failureThreshold(1).build());
        circuit.recordFailure(new RuntimeException("down"));
        try (AppliedInjections applied = AnnotatedInjections.apply(method(Fixture.class, "twoFailures"),
                Fixture.class, session, circuit)) {
            assertThat(applied.results()).allSatisfy(r -> assertThat(r.refused()).isTrue());
            assertThat(session.healthy()).isTrue();
            assertThat(apiStatus()).isEqualTo(200L);
        }
    }
}
