package dev.tripswitch.bench.service;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The service suite of the parallel scenario: the journeys of {@link OrderApiSuite}, split into {@value #PARTS}
 * classes on the service that goes down (circuit {@value OrderApiSuite#CIRCUIT}) and {@value #PARTS} on a second
 * instance that stays healthy (circuit {@value #NEIGHBOUR_CIRCUIT}), same settings; run as the parallel shop suite
 * is (classes concurrently on two threads, alternating).
 */
public final class ParallelOrderApi {

    static final int PARTS = 5;
    /** The circuit of the instance that stays healthy. */
    public static final String NEIGHBOUR_CIRCUIT = "order-service-neighbour";

    private ParallelOrderApi() {
    }

    /** Every class, in the order their names sort in. */
    static List<Class<?>> classes() {
        return List.of(Part1Down.class, Part1Healthy.class, Part2Down.class, Part2Healthy.class, Part3Down.class,
                Part3Healthy.class, Part4Down.class, Part4Healthy.class, Part5Down.class, Part5Healthy.class);
    }

    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = OrderApiSuite.CIRCUIT, failureThreshold = OrderApiSuite.FAILURE_THRESHOLD,
            halfOpenAfter = "2s")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnServiceThatGoesDown {

        abstract int part();

        IntStream orders() {
            return ServiceTarget.part(part(), PARTS, false);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("orders")
        void placeReadAndFindAnOrder(int n) throws Exception {
            ServiceTarget.orderJourney(ServiceTarget.service, n);
        }
    }

    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = NEIGHBOUR_CIRCUIT, failureThreshold = OrderApiSuite.FAILURE_THRESHOLD,
            halfOpenAfter = "2s")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnHealthyService {

        abstract int part();

        IntStream orders() {
            return ServiceTarget.part(part(), PARTS, true);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("orders")
        void placeReadAndFindAnOrder(int n) throws Exception {
            ServiceTarget.orderJourney(ServiceTarget.neighbour, n);
        }
    }

    static final class Part1Down extends OnServiceThatGoesDown {
        int part() {
            return 0;
        }
    }

    static final class Part1Healthy extends OnHealthyService {
        int part() {
            return 0;
        }
    }

    static final class Part2Down extends OnServiceThatGoesDown {
        int part() {
            return 1;
        }
    }

    static final class Part2Healthy extends OnHealthyService {
        int part() {
            return 1;
        }
    }

    static final class Part3Down extends OnServiceThatGoesDown {
        int part() {
            return 2;
        }
    }

    static final class Part3Healthy extends OnHealthyService {
        int part() {
            return 2;
        }
    }

    static final class Part4Down extends OnServiceThatGoesDown {
        int part() {
            return 3;
        }
    }

    static final class Part4Healthy extends OnHealthyService {
        int part() {
            return 3;
        }
    }

    static final class Part5Down extends OnServiceThatGoesDown {
        int part() {
            return 4;
        }
    }

    static final class Part5Healthy extends OnHealthyService {
        int part() {
            return 4;
        }
    }
}
