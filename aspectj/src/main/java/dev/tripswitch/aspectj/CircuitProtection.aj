package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitPermit;

/**
 * Puts every call of a method annotated {@link dev.tripswitch.CircuitProtected @CircuitProtected} (and of every
 * public method declared by a class annotated with it) under that circuit, wherever it is called from: a test, a
 * set-up method, a helper, a data set-up.
 *
 * <p>Basic approach: one around advice on the method's execution, so private, final and static methods are
 * woven too (the advice goes into the method's own body). What the join point needs — its circuit, whether it is
 * a test left to the adapters, whether it is asynchronous — is worked out at its first call and cached per join
 * point ({@link JoinPointProtection}); a call in CLOSED then costs a table look-up by identity, one permit (shared, so nothing
 * is allocated) and its outcome. No lambda or closure is made per call: {@code proceed()} is inlined here.
 *
 * <p>Outcomes: a refusal throws {@link CircuitOpenException} carrying the snapshot; the method's own exceptions
 * come back unchanged and count according to {@code recordOn}/{@code ignoreOn}
 * ({@link dev.tripswitch.CircuitPermit#onCallFailure}:
 * one failure counts once, on the innermost circuit whose call it ended); a method returning
 * {@code CompletionStage}/{@code CompletableFuture} counts when its stage completes ({@link AsyncOutcome}).
 */
public aspect CircuitProtection {

    /** A method annotated @CircuitProtected, or with an annotation of the user's own that carries it. */
    pointcut annotatedMethod(): execution(@dev.tripswitch.CircuitProtected * *(..))
            || execution(@(@dev.tripswitch.CircuitProtected *) * *(..));

    /** A public method declared by a class annotated @CircuitProtected (or with an annotation carrying it), except toString/equals/hashCode. */
    pointcut publicMethodOfAnnotatedClass(): (execution(public * (@dev.tripswitch.CircuitProtected *).*(..))
            || execution(public * (@(@dev.tripswitch.CircuitProtected *) *).*(..)))
            && !execution(String *.toString()) && !execution(int *.hashCode()) && !execution(boolean *.equals(Object));

    /**
     * The JDK's runtime proxies: the proxy behind a user's annotation that carries @CircuitProtected implements that
     * annotation type, so its methods (annotationType, the attributes) would match; they are the JDK's, not calls.
     */
    pointcut jdkProxy(): within(java.lang.reflect.Proxy+);

    pointcut protectedExecution(): (annotatedMethod() || publicMethodOfAnnotatedClass()) && !within(CircuitProtection)
            && !jdkProxy();

    Object around(): protectedExecution() {
        JoinPointProtection protection = JoinPointProtection.of(thisJoinPointStaticPart);
        CircuitBreaker circuit = protection.circuit();
        if (circuit == null || PermitsOnThread.rides(circuit)) {
            return proceed(); // a test left to its adapter, switched off, or inside a test or probe of this circuit
        }
        CircuitPermit permit = circuit.acquirePermission(); // refused: CircuitOpenException with the snapshot
        boolean probe = permit.isProbe();
        if (probe) {
            PermitsOnThread.enter(circuit);
        }
        Object result;
        try {
            result = proceed();
        } catch (Throwable failure) {
            permit.onCallFailure(failure);
            throw Rethrow.unchecked(failure);
        } finally {
            if (probe) {
                PermitsOnThread.leave(circuit);
            }
        }
        if (protection.isAsync()) {
            return AsyncOutcome.track(result, permit, protection.returnsDependentStage());
        }
        permit.onSuccess();
        return result;
    }
}
