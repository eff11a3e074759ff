package dev.tripswitch.bench.outage;

import dev.tripswitch.samples.SampleApp;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The outage benchmark's browser suite: shopping journeys in real Chromium against the sample shop, which goes
 * down by closing its port (connections refused). The parallel scenario adds a second sample shop, started on
 * first need, that stays healthy.
 */
public final class ShopOutageSuite implements OutageSuite {

    private final SampleApp shop;
    private SampleApp neighbour;

    /** @param shop the shop that goes down; left running on {@link #close()} (its owner stops it) */
    public ShopOutageSuite(SampleApp shop) {
        this.shop = shop;
    }

    @Override
    public String id() {
        return "shop";
    }

    @Override
    public String description() {
        return "real-Chromium shopping journeys (home page, product, add to cart, search) against the sample shop,"
                + " which goes down by closing its port";
    }

    @Override
    public String circuit() {
        return ShopVisitSuite.CIRCUIT;
    }

    @Override
    public String neighbourCircuit() {
        return ParallelShopVisits.NEIGHBOUR_CIRCUIT;
    }

    @Override
    public int failureThreshold() {
        return ShopVisitSuite.FAILURE_THRESHOLD;
    }

    @Override
    public URI healthUrl(String circuit) {
        SampleApp app = circuit.equals(neighbourCircuit()) ? neighbour : shop;
        return app.baseUri().resolve("/api/health");
    }

    @Override
    public synchronized void prepare(int tests, OutageScenario scenario) throws IOException {
        if (scenario.parallel() && neighbour == null) {
            neighbour = SampleApp.start();
        }
        shop.switchTo(SampleApp.Mode.HEALTHY);
        OutageTarget.closeBrowsers();
        OutageTarget.set(shop.baseUri(), neighbour == null ? null : neighbour.baseUri(), tests);
    }

    @Override
    public List<Class<?>> classes(OutageScenario scenario) {
        return scenario.parallel() ? ParallelShopVisits.classes() : List.of(ShopVisitSuite.class);
    }

    @Override
    public List<Class<?>> unannotatedClasses(OutageScenario scenario) {
        return scenario.parallel() ? ParallelShopVisits.unannotatedClasses() : List.of();
    }

    @Override
    public String reportedCircuitOf(Class<?> unannotated) {
        return ParallelShopVisits.reportedCircuitOf(unannotated);
    }

    @Override
    public void down() throws IOException {
        shop.switchTo(SampleApp.Mode.DOWN);
    }

    @Override
    public void up() throws IOException {
        shop.switchTo(SampleApp.Mode.HEALTHY);
    }

    @Override
    public int browserStarts() {
        return OutageTarget.browserStarts();
    }

    @Override
    public void finishRun() throws IOException {
        OutageTarget.closeBrowsers();
        shop.switchTo(SampleApp.Mode.HEALTHY);
    }

    @Override
    public synchronized void close() {
        OutageTarget.closeBrowsers();
        if (neighbour != null) {
            neighbour.close();
            neighbour = null;
        }
    }
}
