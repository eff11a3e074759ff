package dev.tripswitch.spi;

/**
 * Test method parameters a module gives (the browser module: the test's {@code BrowserSession} or
 * {@code WebDriver}), for framework adapters whose framework injects parameters (the JUnit extension). Found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.tripswitch.spi.TestParameterSource}; the
 * adapters ask through {@link dev.tripswitch.TestRun#givesParameter} and {@link dev.tripswitch.TestRun#parameter}.
 *
 * <p>Contract: {@link #gives} is asked whenever the framework looks for a resolver, on any thread: cheap, no
 * exception. {@link #parameter} is called on the thread that resolves the parameter for one test; what it throws
 * fails that test (JUnit wraps it in its {@code ParameterResolutionException}).
 */
public interface TestParameterSource {

    /** True when this source gives parameters of {@code type}. */
    boolean gives(Class<?> type);

    /** The parameter of {@code type} for the test whose scope is {@code scope}; whatever it holds goes there. */
    Object parameter(Class<?> type, TestScope scope);
}
