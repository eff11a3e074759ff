package dev.tripswitch.bench.service;

import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.outage.OutageSuite;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The outage benchmark's second suite: API tests of the {@link OrderService}, which goes down the way
 * {@link OrderService.DownMode} says. The parallel scenario adds a second instance, started on first need, that
 * stays healthy.
 */
public final class ServiceOutageSuite implements OutageSuite {

    /** What a request costs the service beyond its handling (a database's share). */
    public static final Duration LATENCY = Duration.ofMillis(20);

    private final OrderService service;
    private final OrderService.DownMode downMode;
    private OrderService neighbour;

    private ServiceOutageSuite(OrderService service, OrderService.DownMode downMode) {
        this.service = service;
        this.downMode = downMode;
    }

    public static ServiceOutageSuite start(OrderService.DownMode downMode) throws IOException {
        return new ServiceOutageSuite(OrderService.start(LATENCY, downMode), downMode);
    }

    @Override
    public String id() {
        return "service";
    }

    @Override
    public String description() {
        return describe(downMode);
    }

    /** What the suite does when its service goes down as {@code downMode} says. */
    public static String describe(OrderService.DownMode downMode) {
        return "API tests of a local order service (JDK HttpClient, three requests a test, " + LATENCY.toMillis()
                + " ms of work a request, request timeout " + ServiceTarget.REQUEST_TIMEOUT.toSeconds()
                + " s), which goes down by " + (downMode == OrderService.DownMode.HANG
                ? "hanging (requests accepted, never answered)" : "closing its port (connections refused)");
    }

    @Override
    public String circuit() {
        return OrderApiSuite.CIRCUIT;
    }

    @Override
    public String neighbourCircuit() {
        return ParallelOrderApi.NEIGHBOUR_CIRCUIT;
    }

    @Override
    public int failureThreshold() {
        return OrderApiSuite.FAILURE_THRESHOLD;
    }

    @Override
    public URI healthUrl(String circuit) {
        return (circuit.equals(neighbourCircuit()) ? neighbour : service).healthUri();
    }

    @Override
    public synchronized void prepare(int tests, OutageScenario scenario) throws IOException {
        if (scenario.parallel() && neighbour == null) {
            neighbour = OrderService.start(LATENCY, downMode);
        }
        service.setDown(false);
        ServiceTarget.set(service.baseUri(), neighbour == null ? null : neighbour.baseUri(), tests);
    }

    @Override
    public List<Class<?>> classes(OutageScenario scenario) {
        return scenario.parallel() ? ParallelOrderApi.classes() : List.of(OrderApiSuite.class);
    }

    @Override
    public void down() throws IOException {
        service.setDown(true);
    }

    @Override
    public void up() throws IOException {
        service.setDown(false);
    }

    @Override
    public int browserStarts() {
        return 0;
    }

    @Override
    public void finishRun() throws IOException {
        service.setDown(false);
    }

    @Override
    public synchronized void close() {
        service.close();
        if (neighbour != null) {
            neighbour.close();
            neighbour = null;
        }
    }
}
