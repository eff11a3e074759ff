package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.TestFrameworks;
import dev.tripswitch.Tripswitch;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What one woven join point needs, worked out at its first call and kept for the others: whether it is left
 * alone (a test or a set-up method: the JUnit extension's and the TestNG listener's business), whether it is
 * asynchronous, and its circuit.
 *
 * <p>The circuit is taken from {@link CircuitBreakerRegistry#global()} with the definition
 * {@link Protection#of} finds (the method's annotation, else its class's), so settings come from the same
 * places, with the same validation and conflict detection, as for tests. It is bound to the registry it came
 * from and to the registry's generation: when a test puts another registry in place of the global one, or
 * {@linkplain CircuitBreakerRegistry#clear() clears} it (its circuits are made anew), the join point binds again.
 * A definition or conflict error is thrown at every call (never cached), so it cannot be missed.
 *
 * <p>Immutable: binding again makes a new protection, which takes this one's place in the table. The CLOSED path
 * reads the protection's circuit straight from its table slot.
 */
final class JoinPointProtection {

    private static final JoinPointTable BY_JOIN_POINT = new JoinPointTable();

    private final JoinPoint.StaticPart part;
    private final Class<?> declaringType;
    private final Method method;
    private final boolean leftToTheAdapters;
    private final boolean async;
    private final boolean dependentStage;
    /** The registry the circuit came from ({@code null}: not bound yet), and its generation then. */
    private final CircuitBreakerRegistry registry;
    private final int generation;
    /** {@code null}: not bound yet, or the circuit breaker is switched off. */
    private final CircuitBreaker circuit;

    private JoinPointProtection(JoinPoint.StaticPart part, Class<?> declaringType, Method method,
                                boolean leftToTheAdapters, CircuitBreakerRegistry registry, int generation,
                                CircuitBreaker circuit) {
        this.part = part;
        this.declaringType = declaringType;
        this.method = method;
        this.leftToTheAdapters = leftToTheAdapters;
        Class<?> returns = method.getReturnType();
        this.async = CompletionStage.class.isAssignableFrom(returns);
        this.dependentStage = returns == CompletionStage.class || returns == CompletableFuture.class;
        this.registry = registry;
        this.generation = generation;
        this.circuit = circuit;
    }

    /** The protection of the join point {@code part} (a method execution), made at its first call. */
    static JoinPointProtection of(JoinPoint.StaticPart part) {
        return BY_JOIN_POINT.get(part, JoinPointProtection::resolve);
    }

    private static JoinPointProtection resolve(JoinPoint.StaticPart part) {
        MethodSignature signature = (MethodSignature) part.getSignature();
        Method method = signature.getMethod();
        return new JoinPointProtection(part, signature.getDeclaringType(), method,
                TestFrameworks.isTestOrLifecycleMethod(method), null, 0, null);
    }

    JoinPoint.StaticPart part() {
        return part;
    }

    /** The circuit to ask, or {@code null} when the call is not to be guarded (a test, or switched off). */
    CircuitBreaker circuit() {
        if (leftToTheAdapters) {
            return null;
        }
        CircuitBreakerRegistry global = CircuitBreakerRegistry.global();
        if (registry == global && generation == global.generation()) {
            return circuit;
        }
        return BY_JOIN_POINT.replace(this, current -> current.boundTo(global)).circuit();
    }

    private JoinPointProtection boundTo(CircuitBreakerRegistry global) {
        int now = global.generation(); // read first: a clear() while binding makes the next call bind again
        CircuitBreaker bound = null;
        if (Tripswitch.enabled()) {
            Protection protection = Protection.of(declaringType, method);
            if (!protection.isPresent()) {
                throw new CircuitConfigurationException("Tripswitch: " + declaringType.getName() + "#"
                        + method.getName() + " was woven for @CircuitProtected, but carries no such annotation");
            }
            bound = global.circuit(protection.definition());
        }
        return new JoinPointProtection(part, declaringType, method, false, global, now, bound);
    }

    /** Whether the method returns a {@code CompletionStage}: its outcome is counted when the stage completes. */
    boolean isAsync() {
        return async;
    }

    /** Whether the caller can be given a dependent stage (the declared type is exactly the interface or CompletableFuture). */
    boolean returnsDependentStage() {
        return dependentStage;
    }

    @Override
    public String toString() {
        return "JoinPointProtection[" + declaringType.getName() + "#" + method.getName() + "]";
    }
}
