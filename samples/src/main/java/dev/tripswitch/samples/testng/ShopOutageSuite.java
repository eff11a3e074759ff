package dev.tripswitch.samples.testng;

import dev.tripswitch.samples.shop.ShopStage;
import org.testng.annotations.AfterSuite;
import org.testng.annotations.BeforeSuite;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.util.List;

/**
 * The outage story in TestNG: {@link HealthyShopJourney}, {@link ShopDownJourney}, {@link ShopBackJourney}, in
 * that order, each in a {@code <test>} of its own (TestNG orders priorities across a whole {@code <test>}, which
 * would mix the acts). One browser per class. Opens the sample shop before the suite and closes it after.
 */
public class ShopOutageSuite {

    public static final String NAME = "Shop outage journey (TestNG)";

    @BeforeSuite(alwaysRun = true)
    public void openTheShop() {
        ShopStage.open();
    }

    @AfterSuite(alwaysRun = true)
    public void closeTheShop() {
        ShopStage.close();
    }

    /** The suite as TestNG runs it: the same as a testng.xml with one {@code <test>} per act. */
    public static XmlSuite xml() {
        XmlSuite suite = new XmlSuite();
        suite.setName(NAME);
        act(suite, "1 the shop is healthy", HealthyShopJourney.class);
        act(suite, "2 the shop goes down", ShopDownJourney.class);
        act(suite, "3 the shop is back", ShopBackJourney.class);
        // the suite's own set-up and tear-down (open and close the shop) sit in a class of their own
        suite.getTests().get(0).getXmlClasses().add(0, new XmlClass(ShopOutageSuite.class));
        return suite;
    }

    private static void act(XmlSuite suite, String name, Class<?> journey) {
        XmlTest test = new XmlTest(suite);
        test.setName(name);
        test.setPreserveOrder(true);
        test.setXmlClasses(new java.util.ArrayList<>(List.of(new XmlClass(journey))));
    }
}
