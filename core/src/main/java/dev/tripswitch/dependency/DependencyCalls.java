package dev.tripswitch.dependency;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.internal.DependencyWatch;
import dev.tripswitch.internal.Switches;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Calls to a dependency, watched: what the browser module's decorated WebDriver, {@link ProtectedHttpClient} and
 * code of your own (an API client, a database call) do around each call when {@code tripswitch.dependencies=auto}.
 * <ol>
 *   <li>{@link #before} the call: the dependency's circuit ({@code dep:<name>}) is asked. Open, the call is refused
 *       with a {@link CircuitOpenException}, and the test that made it ends skipped with the circuit's reason. Let
 *       through, the test's first call to the dependency keeps the permit until the test's outcome.</li>
 *   <li>{@link #failed} when the call throws: the table ({@link DependencyFailures}) says whether the failure is an
 *       infrastructure failure of the call's dependency; if so, the test's outcome will count it there when the test
 *       fails with that very failure. A failure the test catches (a navigation retried and passed) counts nothing.</li>
 * </ol>
 * The test's outcome, not the call's, is what counts (a test without {@code @CircuitProtected}, run by the JUnit 5
 * extension or the TestNG listener): passed, a success on each dependency it called; failed with an infrastructure
 * failure, one failure on the dependency that failure names; failed otherwise (an assertion, a 4xx answer the test
 * rejected), nothing. A test under {@code @CircuitProtected} counts on its own circuit only: the dependencies'
 * circuits only refuse its calls. Outside a test, a call is only refused while its dependency's circuit is open.
 *
 * <p>With {@code tripswitch.dependencies} off (the default) every method here does nothing but the call. Thread-safe.
 */
public final class DependencyCalls {

    private DependencyCalls() {
    }

    /**
     * Whether dependency circuits are on: {@code tripswitch.dependencies=auto} (system property, test framework
     * configuration or {@code tripswitch.properties}). Switched off too by {@code tripswitch.enabled=false}.
     *
     * @throws CircuitConfigurationException for a value other than {@code auto} or {@code off}, naming it
     */
    public static boolean enabled() {
        return Switches.dependencies() && Switches.enabled();
    }

    /**
     * Before a call to {@code dependency}: refused while its circuit (or, for {@code host:port}, an existing circuit
     * of the host alone) is open.
     *
     * @throws CircuitOpenException          when refused; its message is the circuit's reason
     * @throws CircuitConfigurationException when the circuit's settings ({@code tripswitch.circuit.dep:<name>.*}) are
     *                                       wrong
     */
    public static void before(Dependency dependency) {
        if (dependency == null || !enabled()) {
            return;
        }
        Optional<DependencyWatch> watch = DependencyWatch.current();
        if (watch.isPresent() && watch.get().has(dependency)) {
            return; // the test holds this dependency's permit since its first call
        }
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.global();
        List<CircuitBreaker> circuits = new ArrayList<>(2);
        dependency.hostOnly().flatMap(h -> registry.find(h.circuitName())).ifPresent(circuits::add);
        circuits.add(registry.circuit(dependency.circuitName()));
        List<CircuitPermit> taken = new ArrayList<>(2);
        try {
            for (CircuitBreaker c : circuits) {
                taken.add(c.acquirePermission());
            }
        } catch (CircuitOpenException refused) {
            taken.forEach(CircuitPermit::release);
            throw refused;
        }
        if (watch.isEmpty()) {
            taken.forEach(CircuitPermit::release); // no test to give an outcome: the call was only checked
            return;
        }
        for (int i = 0; i < circuits.size(); i++) {
            CircuitBreaker c = circuits.get(i);
            Dependency d = i == circuits.size() - 1 ? dependency
                    : new Dependency(c.name().substring(Dependency.CIRCUIT_PREFIX.length()));
            watch.get().keep(d, c, taken.get(i));
        }
    }

    /**
     * A call to {@code target} threw {@code failure}: remembered for the test's outcome when the table says it is an
     * infrastructure failure. Returns {@code failure}, to be thrown on: {@code throw DependencyCalls.failed(d, e);}.
     */
    public static <T extends Throwable> T failed(Dependency target, T failure) {
        if (failure == null || !enabled()) {
            return failure;
        }
        Optional<DependencyWatch> watch = DependencyWatch.current();
        if (watch.isPresent()) {
            DependencyFailures.dependencyOf(failure, target).ifPresent(d -> watch.get().callFailed(failure, d));
        }
        return failure;
    }

    /** {@link #before}, the call, and {@link #failed} if it throws: the call's failure comes out unchanged. */
    public static <T> T call(Dependency dependency, Callable<T> call) throws Exception {
        before(dependency);
        try {
            return call.call();
        } catch (Exception e) {
            throw failed(dependency, e);
        } catch (Error e) {
            throw failed(dependency, e);
        }
    }
}
