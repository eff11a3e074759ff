package dev.tripswitch.samples.story;

import dev.tripswitch.samples.run.JUnitSuiteRunner;
import dev.tripswitch.samples.run.SuiteReport;

import java.util.List;

/** The JUnit 5 sample suite ({@code ShopOutageJourney}), run through the JUnit Platform launcher. */
class JUnitOutageStoryTest extends OutageStoryContract {

    @Override
    SuiteReport runSuite() {
        return JUnitSuiteRunner.run();
    }

    @Override
    String suitePackage() {
        return "dev.tripswitch.samples.junit";
    }

    @Override
    List<String> acts() {
        return List.of("ShopOutageJourney$TheShopIsHealthy", "ShopOutageJourney$TheShopGoesDown",
                "ShopOutageJourney$TheShopIsBack");
    }
}
