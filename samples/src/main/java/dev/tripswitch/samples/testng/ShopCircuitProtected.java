package dev.tripswitch.samples.testng;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.samples.shop.ShopCircuit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Puts a TestNG test class or test method under circuit {@code shop}. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@CircuitProtected(value = ShopCircuit.NAME, failureThreshold = ShopCircuit.FAILURE_THRESHOLD,
        halfOpenAfter = ShopCircuit.HALF_OPEN_AFTER, recoveryTimeout = ShopCircuit.RECOVERY_TIMEOUT,
        whenOpen = WhenOpen.SKIP) // the story's outage is made by a class set-up, which a replay would run again
public @interface ShopCircuitProtected {
}
