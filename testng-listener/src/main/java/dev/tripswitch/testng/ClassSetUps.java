package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.internal.RunLedger;
import org.testng.ITestResult;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The class-level set-up ({@code @BeforeClass}) of protected classes. It asks the circuit like a test does. A
 * refused set-up is left out along with the class's {@code @AfterClass}, and the instance is remembered: every
 * test of it is then refused with the same reason, whatever the circuit says later, since its class was never
 * set up. (Letting TestNG skip the class through a skipped configuration with a throwable would report that
 * configuration to Surefire twice, once as a failure.)
 */
final class ClassSetUps {

    /** Result attribute of a class set-up method let through: its {@link ClassSetUpGuard}. */
    static final String GUARD = "tripswitch.classSetUp";

    private final ProtectionResolver protections;
    /** Test instances whose class set-up the circuit refused (weak: they go when TestNG drops them). */
    private final Map<Object, CircuitRefusedSkip> refused = Collections.synchronizedMap(new WeakHashMap<>());

    ClassSetUps(ProtectionResolver protections) {
        this.protections = protections;
    }

    /** Before a {@code @BeforeClass} method: ask the class's circuit, or leave the method out. */
    void beforeSetUp(ITestResult config, RunLedger ledger) {
        if (config.getAttribute(GUARD) != null || LeftOutConfigurations.isLeftOut(config)) {
            return; // decided already (the listener is registered more than once)
        }
        Object instance = config.getInstance();
        Class<?> testClass = instance != null ? instance.getClass() : config.getTestClass().getRealClass();
        ProtectionResolver.Protection protection = protections.forClass(testClass);
        if (!protection.applies()) {
            return;
        }
        CircuitBreaker circuit = protection.circuit(); // a misuse fails the set-up method, loudly
        CircuitRefusedSkip refusal;
        try {
            config.setAttribute(GUARD, ClassSetUpGuard.enter(circuit, ledger));
            return;
        } catch (CircuitOpenException e) {
            refusal = new CircuitRefusedSkip(circuit, e);
        }
        if (instance != null) {
            refused.put(instance, refusal);
        }
        LeftOutConfigurations.leaveOut(config, "the circuit refused the class set-up: " + refusal.getMessage());
    }

    /** Before an {@code @AfterClass} method: left out when the class set-up was. */
    void beforeTearDown(ITestResult config) {
        CircuitRefusedSkip refusal = refusalOf(config.getInstance());
        if (refusal != null) {
            LeftOutConfigurations.leaveOut(config, "the circuit refused the class set-up: " + refusal.getMessage());
        }
    }

    /** The refusal of {@code instance}'s class set-up, or {@code null}. */
    CircuitRefusedSkip refusalOf(Object instance) {
        return instance == null ? null : refused.get(instance);
    }

    /** A configuration method ended: when it was a guarded class set-up, report it. */
    void ended(ITestResult config) {
        if (config.getAttribute(GUARD) instanceof ClassSetUpGuard guard) {
            if (config.getStatus() == ITestResult.FAILURE) {
                guard.failed(config.getThrowable());
            } else {
                guard.succeeded();
            }
        }
    }
}
