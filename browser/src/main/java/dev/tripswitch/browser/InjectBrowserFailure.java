package dev.tripswitch.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a real failure into the test's browser session before the test body runs.
 *
 * <pre>{@code
 * @Test
 * @CircuitProtected("browser")
 * @InjectBrowserFailure(type = FailureType.CRASH, intensity = FailureIntensity.SEVERE)
 * void checkoutSurvivesABrowserCrash(BrowserSession session) { ... }
 * }</pre>
 *
 * <p>What happens: after the test's set-up, once the browser session exists, each annotation is applied in
 * order (class annotations first, then the method's), each after its {@link #delayMillis()}. The injection
 * follows the test's circuit ({@code @CircuitProtected}): while it is OPEN every injection is refused, while
 * it is HALF_OPEN severe ones are refused; a refused injection leaves the browser alone and the test runs. A
 * severe injection or a crash records exactly one failure on the circuit; mild and moderate ones record only
 * with {@link #recordOnCircuit()}. Each {@link InjectionResult} is published for reports (a JUnit report entry,
 * a TestNG test attribute) under the key {@code tripswitch.injection}. After the test every failure still in
 * place is undone ({@link BrowserFailureInjector#restore()}); failures last until then, apart from those that
 * end by themselves (a bounded main-thread block, a mild crash that heals at once).
 *
 * <p>Attributes:
 * <ul>
 *   <li>{@link #type()}: the failure type, required.</li>
 *   <li>{@link #intensity()}: MILD, MODERATE (default) or SEVERE.</li>
 *   <li>{@link #delayMillis()}: wait before injecting, 0 (default) to 600000 ms.</li>
 *   <li>{@link #recordOnCircuit()}: also record mild and moderate injections on the circuit (default false).</li>
 * </ul>
 *
 * <p>Limits:
 * <ul>
 *   <li>Needs a Chromium-based browser: with Firefox the result says "not injected" and the test runs.</li>
 *   <li>An injection that was applied but could not be observed to take effect is reported with
 *       {@code verified = false}; it does not fail the test.</li>
 *   <li>Some failures restart the browser when undone (a crashed browser, WebGL blocked by repeated GPU
 *       crashes): a test holding a {@code WebDriver} must not expect it to outlive the test.</li>
 *   <li>Network mechanisms observe the failure by fetching the current page; on a page that is not http(s)
 *       they report {@code verified = false}.</li>
 * </ul>
 *
 * <p>The JUnit 5 extension and the TestNG listener call {@link AnnotatedInjections#apply}; other runners can
 * call it too.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(InjectBrowserFailures.class)
public @interface InjectBrowserFailure {

    /** The largest allowed {@link #delayMillis()}. */
    long MAX_DELAY_MILLIS = 600_000;

    /** The failure to inject. */
    FailureType type();

    /** How hard it hits (default MODERATE). */
    FailureIntensity intensity() default FailureIntensity.MODERATE;

    /** Milliseconds to wait before injecting: 0 to 600000 (default 0). */
    long delayMillis() default 0;

    /** Whether a mild or moderate injection also records a failure on the circuit (default false). */
    boolean recordOnCircuit() default false;
}
