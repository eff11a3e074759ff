package dev.tripswitch.samples.story;

import dev.tripswitch.samples.run.SuiteReport;
import dev.tripswitch.samples.run.TestNGSuiteRunner;

import java.util.List;

/** The TestNG sample suite ({@code ShopOutageSuite}), run with {@code new TestNG()}. */
class TestNGOutageStoryTest extends OutageStoryContract {

    @Override
    SuiteReport runSuite() {
        return TestNGSuiteRunner.run();
    }

    @Override
    String suitePackage() {
        return "dev.tripswitch.samples.testng";
    }

    @Override
    List<String> acts() {
        return List.of("HealthyShopJourney", "ShopDownJourney", "ShopBackJourney");
    }
}
