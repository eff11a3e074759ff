package dev.tripswitch.bench.overhead;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * The trivial tests of the overhead benchmark: one parameterized test of {@link #count()} invocations per
 * framework, whose body only compares its argument with 0. Each framework has one abstract class holding the
 * test and two empty subclasses that run it; they differ in nothing but {@code @CircuitProtected} on the
 * protected one. The JUnit tests run with {@link CircuitBreakerExtension} in both arms, the TestNG tests with
 * the listener TestNG loads through {@code ServiceLoader} in both arms, so what the protected arm costs more is
 * the protected-test path, not the adapter being present.
 *
 * <p>Not tests of this module: they live in main code and only {@link OverheadBenchmark} runs them.
 */
public final class TrivialSuites {

    public static final String JUNIT_CIRCUIT = "overhead-junit";
    public static final String TESTNG_CIRCUIT = "overhead-testng";

    private static volatile int count = 5000;

    private TrivialSuites() {
    }

    /** Invocations per suite run. */
    public static int count() {
        return count;
    }

    public static void count(int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("tests must be at least 1, was " + invocations);
        }
        count = invocations;
    }

    static void check(int invocation) {
        if (invocation <= 0) {
            throw new AssertionError("invocation " + invocation);
        }
    }

    /** The JUnit test; the extension is registered here, so both subclasses have it. */
    @ExtendWith(CircuitBreakerExtension.class)
    public abstract static class JUnitTests {

        static IntStream invocations() {
            return IntStream.rangeClosed(1, count);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invocations")
        void trivial(int invocation) {
            check(invocation);
        }
    }

    @CircuitProtected(JUNIT_CIRCUIT)
    public static class ProtectedJUnit extends JUnitTests {
    }

    public static class UnprotectedJUnit extends JUnitTests {
    }

    /** The TestNG test. */
    public abstract static class TestNGTests {

        @DataProvider(name = "invocations")
        public Iterator<Object[]> invocations() {
            return IntStream.rangeClosed(1, count).mapToObj(i -> new Object[]{i}).iterator();
        }

        @Test(dataProvider = "invocations")
        public void trivial(int invocation) {
            check(invocation);
        }
    }

    @CircuitProtected(TESTNG_CIRCUIT)
    public static class ProtectedTestNG extends TestNGTests {
    }

    public static class UnprotectedTestNG extends TestNGTests {
    }
}
