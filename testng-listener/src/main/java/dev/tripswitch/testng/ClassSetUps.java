package dev.tripswitch.testng;

import dev.tripswitch.Admission;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.testng.ITestResult;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The class-level set-up ({@code @BeforeClass}) of protected classes, admitted through core's protocol like a
 * test: the admission is held while the set-up method runs; its failure counts once, its success only gives the
 * permit back. A refused set-up is left out along with the class's {@code @AfterClass}, and the instance is
 * remembered: every test of it is then refused along with it, whatever the circuit says later, since its class
 * was never set up. (Letting TestNG skip the class through a skipped configuration with a throwable would report
 * that configuration to Surefire twice, once as a failure.)
 */
final class ClassSetUps {

    /** Result attribute of a class set-up method let through: its {@link Admission}. */
    static final String GUARD = "tripswitch.classSetUp";

    private final ProtectionResolver protections;
    /** Test instances whose class set-up the circuit refused (weak: they go when TestNG drops them). */
    private final Map<Object, Admission> refused = Collections.synchronizedMap(new WeakHashMap<>());

    ClassSetUps(ProtectionResolver protections) {
        this.protections = protections;
    }

    /** Before a {@code @BeforeClass} method: admit it, or leave it out. */
    void beforeSetUp(ITestResult config, TestRun run) {
        if (config.getAttribute(GUARD) != null || LeftOutConfigurations.isLeftOut(config)) {
            return; // decided already (the listener is registered more than once)
        }
        Object instance = config.getInstance();
        if (refusalOf(instance) != null) {
            beforeTearDown(config); // an earlier set-up method of the class was refused
            return;
        }
        Class<?> testClass = instance != null ? instance.getClass() : config.getTestClass().getRealClass();
        Protection protection = protections.forClass(testClass);
        if (!protection.isPresent()) {
            return;
        }
        Admission admission = run.admitClassSetUp(
                new TestIdentity("testng", testClass.getName(), null, testClass.getSimpleName()), protection, null);
        switch (admission.verdict()) {
            case MISCONFIGURED:
                throw admission.error(); // fails the set-up method, loudly
            case GRANTED:
                config.setAttribute(GUARD, admission);
                return;
            case REFUSED:
                if (instance != null) {
                    refused.put(instance, admission);
                }
                LeftOutConfigurations.leaveOut(config, "the circuit refused the class set-up: " + admission.reason());
                return;
            default:
                return; // unguarded
        }
    }

    /** Before an {@code @AfterClass} method: left out when the class set-up was. */
    void beforeTearDown(ITestResult config) {
        Admission refusal = refusalOf(config.getInstance());
        if (refusal != null) {
            LeftOutConfigurations.leaveOut(config, "the circuit refused the class set-up: " + refusal.reason());
        }
    }

    /** The refused class set-up of {@code instance}, or {@code null}. */
    Admission refusalOf(Object instance) {
        return instance == null ? null : refused.get(instance);
    }

    /** A configuration method ended: when it was an admitted class set-up, give the admission its outcome. */
    void ended(ITestResult config) {
        if (config.getAttribute(GUARD) instanceof Admission admission) {
            if (config.getStatus() == ITestResult.FAILURE) {
                admission.failed(config.getThrowable());
            } else {
                admission.passed();
            }
        }
    }
}
