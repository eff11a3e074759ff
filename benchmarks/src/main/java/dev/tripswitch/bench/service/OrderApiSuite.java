package dev.tripswitch.bench.service;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;

/**
 * The second outage suite, not the samples: {@code tests} API tests of the {@link OrderService}, each placing an
 * order, reading it back and finding it among the customer's orders (three requests). Protected by circuit
 * {@value #CIRCUIT} with the same settings as the shop suite (3 consecutive failures open it, first probe 2 s later);
 * the arms' settings come as system properties.
 *
 * <p>Not a test of this module: it lives in main code and only the outage runner runs it.
 */
@ExtendWith(CircuitBreakerExtension.class)
@CircuitProtected(value = OrderApiSuite.CIRCUIT, failureThreshold = OrderApiSuite.FAILURE_THRESHOLD,
        halfOpenAfter = "2s")
public class OrderApiSuite {

    public static final String CIRCUIT = "order-service";
    public static final int FAILURE_THRESHOLD = 3;

    static IntStream orders() {
        return ServiceTarget.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void placeReadAndFindAnOrder(int n) throws Exception {
        ServiceTarget.orderJourney(ServiceTarget.service, n);
    }
}
