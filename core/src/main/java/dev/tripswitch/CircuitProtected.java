package dev.tripswitch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts tests under the named circuit breaker, shared by every test class, JUnit 5 and TestNG alike, in the
 * JVM.
 *
 * <p>Before each protected test (before its set-up methods, so no browser starts for nothing) the circuit
 * is asked for permission. While the circuit is open the test is <b>deferred</b> ({@code whenOpen = REPLAY}, the
 * default): it does not run now, the run goes on with its other tests, and at its end the run waits for the
 * circuit to let tests through (within the replay budget, {@code tripswitch.replay.budget}, default 2m) and runs
 * the deferred tests again; their results are what they did then. A test the circuit never let through by then
 * is reported <b>skipped</b>, with a reason that names the circuit, its state, since when, the last failure, when
 * the next probe is due and how long the run waited. With {@code whenOpen = SKIP} the test is skipped at once with
 * that reason; with {@code WAIT} it waits on its own thread. After the
 * test: a failure that counts records a failure, a pass records a success, an aborted or skipped test records
 * nothing. Failures of set-up methods count: they are the typical infrastructure failure. An
 * {@link AssertionError} does not count by default: a failed assertion is a product bug and stays a visible
 * failure. At the end of the run a summary names each circuit, how often it opened, how many tests it deferred
 * and replayed (with their results) and how many it skipped.
 *
 * <p>In more detail, in both frameworks:
 * <ul>
 *   <li>Each invocation is a test of its own: a parameterized or repeated test's invocation, a data-provider row,
 *       one of {@code invocationCount}, one attempt of a retried test (a failed attempt that is retried is one
 *       failure; the retry asks again). A JUnit {@code @TestFactory} is skipped while the circuit refuses; once it
 *       runs, each dynamic test asks on its own, and one refused is reported aborted with the reason.</li>
 *   <li>A {@link CircuitOpenException} met inside a running test (protected code such as a page object was
 *       refused, or any {@code circuit.execute}) reports the test skipped with that circuit's reason (JUnit:
 *       aborted, which Surefire and the IDEs show as skipped); it counts nothing on the test's own circuit.</li>
 *   <li>A class protected at class level asks for permission before each class-level set-up method
 *       ({@code @BeforeAll}, {@code @BeforeClass}) too. Refused: its class set-up and tear-down methods do not run
 *       and all its tests (in JUnit, its {@code @Nested} classes' too) are skipped with the reason. A failing set-up counts once; one that
 *       works only gives its permit back.</li>
 *   <li>A permit whose test never runs (disabled by a later condition, skipped by its framework) is given
 *       back.</li>
 *   <li>A bad attribute value, or two definitions of one circuit that disagree, fails each affected test with a
 *       {@link CircuitConfigurationException} naming the attribute, the value and the place(s).</li>
 *   <li>Browsers (module {@code tripswitch-browser}): a test's browser (a {@code BrowserSession} or
 *       {@code WebDriver} parameter in JUnit, {@code TestBrowser.current()} in TestNG) is started on first use and
 *       quit after the test; {@code @InjectBrowserFailure} is applied to it right before the body, following the
 *       circuit.</li>
 * </ul>
 * The module READMEs (JUnit 5, TestNG) describe each framework's reporting in full.
 *
 * <p>Where it applies: on a test class (inherited by subclasses and by nested classes), on a test method (the
 * method's annotation wins over the class's), or on an annotation of your own (meta-annotation).
 *
 * <p>Attributes other than {@link #value()} override the circuit's configuration; leave them unset to take
 * the value from system properties {@code tripswitch.circuit.<name>.<setting>}, a
 * {@code tripswitch.properties} file on the test class path, or the defaults (in that order). Every place
 * that names a circuit must agree on the values it sets: two different values for one circuit are a
 * configuration error naming both places. On a Selenium Grid ({@code tripswitch.browser.remote}), a node's
 * circuit {@code browser@<host:port>} made by a session of a protected test takes this circuit's counting and
 * timing settings (not its health check or {@code whenOpen}), unless {@code tripswitch.browser.remote.circuit}
 * names another circuit for all nodes (README, "Running on a Selenium Grid").
 *
 * <p>Activation: JUnit 5 — {@code @ExtendWith(CircuitBreakerExtension.class)} or extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}); TestNG — nothing to do, the listener loads
 * itself.
 *
 * <p>Limits:
 * <ul>
 *   <li>A probe in HALF_OPEN is a whole test: if the probe is a test that fails on an assertion, nothing is
 *       recorded and the next test becomes the probe.</li>
 *   <li>Settings are fixed when a circuit is first used in the JVM; later definitions must agree.</li>
 *   <li>Replay needs a framework integration that can run a test again: the {@code tripswitch} test engine of
 *       {@code tripswitch-junit5} (found by the JUnit Platform by itself; it takes the Jupiter tests of a plan
 *       that holds protected tests) or the TestNG listener's replay copies of the suite's {@code <test>}s.
 *       Deferred tests run at the end of the run (of the Surefire fork, of the TestNG suite). Where no
 *       integration can replay ({@code tripswitch.replay.engine=false} in JUnit, {@code tripswitch.replay.rounds=0}
 *       in TestNG, a plan run by Jupiter's engine alone), a refused test is skipped as with {@code SKIP}.</li>
 *   <li>With {@code whenOpen = SKIP} a skip takes no time. In a sequential suite, once the circuit opens, the
 *       remaining tests can all be skipped before {@code halfOpenAfter} has passed; the probe then comes with the
 *       next protected test that runs after the cool-down. The benchmark's outage scenario measures this
 *       ({@code benchmarks/results/replay.md}).</li>
 *   <li>Waiting ({@code whenOpen = WAIT}) and health checks work on circuits shared through a store
 *       ({@code tripswitch.store}) as in memory, except that each JVM keeps its own {@code maxWait} budget per
 *       opening and asks the health check at most once per interval itself (healthy: the shared circuit goes
 *       HALF_OPEN for every JVM).</li>
 *   <li>With a health check, the check decides when the probe goes: its first healthy answer, not
 *       {@code halfOpenAfter}. While it answers "not healthy" no test is sent to fail as a probe; if it has not
 *       answered healthy within {@code recoveryTimeout} of the opening, the next test is the probe anyway, so a
 *       broken check (a wrong URL, say) delays the recovery by at most {@code recoveryTimeout}.</li>
 *   <li>The circuit breaker is switched off for a whole run by {@code -Dtripswitch.enabled=false}.</li>
 * </ul>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CircuitProtected {

    /** The value of an int attribute that is not set. */
    int UNSET = -1;

    /** The circuit's name: a non-blank string; circuits are shared by name. */
    String value();

    /** Consecutive counted failures that open the circuit: 1 or more (default 5). */
    int failureThreshold() default UNSET;

    /**
     * Wait from opening until the first probe, e.g. {@code "30s"}, {@code "500ms"}, {@code "PT30S"} (default 30s).
     * Not used when the circuit has a health check: the check decides (see {@link #healthCheck()}).
     */
    String halfOpenAfter() default "";

    /**
     * The longest wait between probes; failed probes double the wait up to this; at least halfOpenAfter (default
     * 60s). With a health check, the longest an OPEN circuit waits for a healthy answer before a probe goes anyway.
     */
    String recoveryTimeout() default "";

    /** Probe tests that may run at the same time in HALF_OPEN: 1 or more (default 1). */
    int permittedProbes() default UNSET;

    /** Passing probes that close the circuit: 1 or more (default 1). */
    int successThreshold() default UNSET;

    /** Failure types that count, with their subclasses (default: every {@link Throwable}). */
    Class<? extends Throwable>[] recordOn() default FromConfiguration.class;

    /**
     * Failure types that never count, with their subclasses; they win over {@link #recordOn()} (default:
     * {@link AssertionError}). Write {@code ignoreOn = {}} to count assertion failures too.
     */
    Class<? extends Throwable>[] ignoreOn() default FromConfiguration.class;

    /**
     * What a test refused because the circuit is OPEN does: {@link WhenOpen#REPLAY} (default) defers it and runs
     * it again later in the run, once the circuit lets tests through, within the replay budget
     * ({@code tripswitch.replay.budget}, default 2m); {@link WhenOpen#SKIP} reports it skipped at once;
     * {@link WhenOpen#WAIT} makes it wait, before its set-up methods, until it may run, within
     * {@link #maxWait()}. One value; leave it out ({@code {}}) to take the configured one.
     */
    WhenOpen[] whenOpen() default {};

    /**
     * With {@code whenOpen = WAIT}: how long the run may wait per opening of the circuit, shared by every waiting
     * test (not per test), e.g. {@code "2m"}: more than 0 and at most 24h, so {@code "forever"} is refused
     * (default 2m). Once spent, the rest of that opening is skipped with a reason saying how long it waited.
     */
    String maxWait() default "";

    /**
     * A class of yours that says whether the dependency is up: a public concrete class implementing
     * {@link HealthCheck} with a public no-argument constructor (default: none; {@code HealthCheck.class} means
     * none). While the circuit is OPEN it is asked at most once per {@link #healthCheckInterval()}; healthy moves
     * the circuit to HALF_OPEN at once, before {@code halfOpenAfter}, and until it answers healthy no probe goes
     * (at most {@link #recoveryTimeout()} after the opening; see the limits above). While the circuit is CLOSED it
     * is asked too ({@link #earlyWarning()}): before the circuit's first test, where an unhealthy answer opens the
     * circuit at once, and then at most once per interval, {@link #unhealthyThreshold()} unhealthy answers in a
     * row opening it, so that an outage costs no failed test. A check that throws, or does not answer within
     * {@link #healthCheckInterval()}, counts as not healthy. Not together with {@link #healthUrl()}.
     */
    Class<? extends HealthCheck> healthCheck() default HealthCheck.class;

    /**
     * A URL whose 2xx answer means the dependency is back, e.g. {@code "http://127.0.0.1:8080/health"}: an
     * absolute http or https URL with a host (default: none). Asked like {@link #healthCheck()}, which it
     * excludes.
     */
    String healthUrl() default "";

    /**
     * The shortest time between two health checks of the circuit, e.g. {@code "1s"}: at least 1ms and at most 1h
     * (default 1s). It is also how long one answer may take: an answer that took longer counts as not healthy.
     */
    String healthCheckInterval() default "";

    /**
     * Whether the health check ({@link #healthCheck()} or {@link #healthUrl()}) is asked while the circuit is CLOSED
     * as well, {@code "true"} or {@code "false"} (default true): once before the circuit's first test in the JVM
     * (the preflight: unhealthy opens the circuit at once, with the reason "health check ... reported the
     * dependency down before any test ran"), then at most once per {@link #healthCheckInterval()}, by the tests
     * that ask the circuit (no timer threads). Without a health check it changes nothing.
     */
    String earlyWarning() default "";

    /**
     * With {@link #earlyWarning()}: how many unhealthy answers in a row while the circuit is CLOSED open it:
     * 1 or more (default 2, so one bad answer of a flapping check does not open it). A healthy answer starts the
     * count again; the preflight answer opens alone.
     */
    int unhealthyThreshold() default UNSET;

    /** Marker meaning "not set here: take the configured value". Never thrown. */
    final class FromConfiguration extends Throwable {
        private FromConfiguration() {
        }
    }
}
