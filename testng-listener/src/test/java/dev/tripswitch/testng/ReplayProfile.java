package dev.tripswitch.testng;

import org.testng.annotations.Test;

/**
 * For {@link ReplayTest}: a test whose upstream passed before the circuit opened, so its chain cannot be replayed.
 * Top-level because TestNG 7.12 finds no method a {@code dependsOnMethods} names in a nested class.
 */
@ReplayTest.ReplayShop
public class ReplayProfile {

    @Test(priority = 1)
    public void a_home() {
        ReplayTest.ran.add("a_home");
    }

    @Test(priority = 2)
    public void b_shopDown() {
        ReplayTest.callShop("b_shopDown");
    }

    @Test(priority = 3, dependsOnMethods = "a_home")
    public void c_details() {
        ReplayTest.ran.add("c_details");
    }
}
