package dev.tripswitch.testng;

import org.testng.annotations.Test;

/**
 * A {@code dependsOnMethods} chain for {@link ReplayTest}: the order needs the log-in's state on the same instance.
 * Top-level because TestNG 7.12 finds no method a {@code dependsOnMethods} names in a nested class.
 */
@ReplayTest.ReplayShop
public class ReplayOrders {

    private boolean loggedIn;

    @Test(priority = 1)
    public void a_shopDown() {
        ReplayTest.callShop("a_shopDown");
    }

    @Test(priority = 2)
    public void b_logIn() {
        ReplayTest.callShop("b_logIn");
        loggedIn = true;
    }

    @Test(priority = 3, dependsOnMethods = "b_logIn")
    public void c_order() {
        ReplayTest.callShop("c_order" + (loggedIn ? " (logged in)" : " (NOT logged in)"));
    }
}
