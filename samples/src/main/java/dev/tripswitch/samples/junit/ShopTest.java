package dev.tripswitch.samples.junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.samples.shop.ShopCircuit;
import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of the sample shop: a JUnit {@link Test} under circuit {@code shop}. One annotation of your own
 * instead of repeating the circuit's settings on every test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@CircuitProtected(value = ShopCircuit.NAME, failureThreshold = ShopCircuit.FAILURE_THRESHOLD,
        halfOpenAfter = ShopCircuit.HALF_OPEN_AFTER, recoveryTimeout = ShopCircuit.RECOVERY_TIMEOUT,
        whenOpen = WhenOpen.SKIP) // the story's outage is made by a class set-up, which a replay would run again
public @interface ShopTest {
}
