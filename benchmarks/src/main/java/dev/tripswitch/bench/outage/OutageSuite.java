package dev.tripswitch.bench.outage;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A suite that {@link OutageRunner} runs through an outage: its JUnit classes, the dependency it switches off
 * and on, and the circuits that protect it. Two exist: the sample shop in real Chromium ({@link ShopOutageSuite})
 * and an HTTP service suite ({@code dev.tripswitch.bench.service.ServiceOutageSuite}).
 *
 * <p>Every test class is under {@code @CircuitProtected}: the test's circuit is read from its class. In the
 * {@linkplain OutageScenario#PARALLEL parallel} scenario half of the tests are under {@link #neighbourCircuit()},
 * whose dependency never goes down.
 */
public interface OutageSuite extends AutoCloseable {

    /** The suite's name on the command line and in reports ({@code shop}, {@code service}). */
    String id();

    /** What the tests do, for reports. */
    String description();

    /** The circuit of the dependency that goes down. */
    String circuit();

    /** The circuit of the second, healthy dependency of the parallel scenario. */
    String neighbourCircuit();

    /** The suite's {@code failureThreshold}, the same for both circuits. */
    int failureThreshold();

    /** The health endpoint of the dependency behind {@code circuit}, on the dependency's own port. */
    URI healthUrl(String circuit);

    /** Makes the suite run {@code tests} tests in {@code scenario}, against healthy dependencies; before each run. */
    void prepare(int tests, OutageScenario scenario) throws IOException;

    /** The test classes to run in {@code scenario}. */
    List<Class<?>> classes(OutageScenario scenario);

    /**
     * The same tests in classes without {@code @CircuitProtected}, for the dependency-circuit arm; empty when the suite
     * has none for {@code scenario}.
     */
    default List<Class<?>> unannotatedClasses(OutageScenario scenario) {
        return List.of();
    }

    /** The test class's circuit in reports when it has no annotation: the circuit of the dependency it calls. */
    default String reportedCircuitOf(Class<?> unannotated) {
        return null;
    }

    /** Takes the dependency behind {@link #circuit()} down. */
    void down() throws IOException;

    /** Brings it back. */
    void up() throws IOException;

    /** Browsers started by the run so far (0 for a suite without a browser). */
    int browserStarts();

    /** After each run: ends what the run's tests left open (browsers), puts every dependency back up. */
    void finishRun() throws IOException;

    /** Stops the dependencies. */
    @Override
    void close();
}
