package dev.tripswitch.bench.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What the service suites ({@link OrderApiSuite}, {@link ParallelOrderApi}) run against, set by
 * {@link ServiceOutageSuite} before each run, and the journey they make: place an order, read it back, find it
 * among the customer's orders, with the JDK's {@link HttpClient} and the timeouts a careful client sets.
 */
public final class ServiceTarget {

    /** The client's connect timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** The client's timeout per request: what a request to a hanging service costs. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    static volatile URI service;
    static volatile URI neighbour;
    static volatile int tests = 100;
    private static volatile HttpClient client;

    private ServiceTarget() {
    }

    static void set(URI serviceBase, URI neighbourBase, int testCount) {
        service = serviceBase;
        neighbour = neighbourBase;
        tests = testCount;
        client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Visits 1 to {@code tests}. */
    static IntStream all() {
        return IntStream.rangeClosed(1, tests);
    }

    /** One part of the parallel suite, numbered as {@code dev.tripswitch.bench.outage.OutageTarget} numbers its. */
    static IntStream part(int part, int parts, boolean onNeighbour) {
        int half = tests / 2;
        int count = onNeighbour ? tests - half : half;
        int offset = onNeighbour ? half : 0;
        return IntStream.rangeClosed(offset + count * part / parts + 1, offset + count * (part + 1) / parts);
    }

    /**
     * Customer {@code n} orders {@code n % 5 + 1} of product {@code n % 3 + 1}, reads the order back and finds it
     * among their orders. A wrong answer is an {@link AssertionError} (the service answered, wrongly); a request
     * that fails or times out throws its {@link IOException}.
     */
    static void orderJourney(URI base, int n) throws IOException, InterruptedException {
        String customer = "customer-" + n;
        HttpResponse<String> placed = send(HttpRequest.newBuilder(base.resolve("/orders"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("customer=" + customer + "&sku=" + (n % 3 + 1) + "&qty="
                        + (n % 5 + 1))));
        expect(placed, 201, "\"customer\":\"" + customer + "\"");
        Matcher id = ID.matcher(placed.body());
        if (!id.find()) {
            throw new AssertionError("order " + n + ": no id in " + placed.body());
        }
        HttpResponse<String> read = send(HttpRequest.newBuilder(base.resolve("/orders/" + id.group(1))).GET());
        expect(read, 200, "\"customer\":\"" + customer + "\"");
        HttpResponse<String> listed = send(HttpRequest.newBuilder(base.resolve("/orders?customer=" + customer)).GET());
        expect(listed, 200, "\"id\":\"" + id.group(1) + "\"");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String part) {
        if (response.statusCode() != status || !response.body().contains(part)) {
            throw new AssertionError(response.request().method() + " " + response.uri() + ": expected " + status
                    + " with " + part + ", got " + response.statusCode() + " " + response.body());
        }
    }
}
