package dev.tripswitch.bench.outage;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The shop suite of the {@linkplain OutageScenario#PARALLEL parallel} scenario: the same journeys as
 * {@link ShopVisitSuite}, split into {@value #PARTS} classes on the shop that goes down (circuit
 * {@value ShopVisitSuite#CIRCUIT}) and {@value #PARTS} on a second shop that stays healthy (circuit
 * {@value #NEIGHBOUR_CIRCUIT}), same settings. {@link OutageRunner} runs the classes concurrently on two threads, in
 * alternating order (class names sort so), the tests of one class one after another, one browser per thread
 * (started by the first class on it, before its tests):
 * whichever thread waits for the first circuit is a thread the healthy shop's tests do not get.
 *
 * <p>Not a test of this module: it lives in main code and only {@link OutageRunner} runs it.
 */
public final class ParallelShopVisits {

    /** Classes per shop. */
    static final int PARTS = 5;
    /** The circuit of the shop that stays healthy. */
    public static final String NEIGHBOUR_CIRCUIT = "shop-neighbour";

    private ParallelShopVisits() {
    }

    /** Every class, in the order their names sort in: the two shops' classes alternate. */
    static List<Class<?>> classes() {
        return List.of(Part1Down.class, Part1Healthy.class, Part2Down.class, Part2Healthy.class, Part3Down.class,
                Part3Healthy.class, Part4Down.class, Part4Healthy.class, Part5Down.class, Part5Healthy.class);
    }

    /**
     * The journeys of one class: part {@link #part()} of one shop's visits, on this thread's browser. The part is
     * read from the class's name ({@code Part3Down}: the third), so that each concrete class is one line.
     */
    @ExtendWith(CircuitBreakerExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Journeys {

        /** True for the shop that stays healthy. */
        abstract boolean healthyShop();

        final int part() {
            return Character.getNumericValue(getClass().getSimpleName().charAt("Part".length())) - 1;
        }

        @BeforeAll
        void browser() { // outside the tests' time, as the sequential suite's @BeforeAll
            OutageTarget.browserOfThisThread();
        }

        IntStream visits() {
            return OutageTarget.part(part(), PARTS, healthyShop());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("visits")
        void shoppingJourney(int visit) {
            ShopVisitSuite.journey(OutageTarget.browserOfThisThread().driver(),
                    (healthyShop() ? OutageTarget.neighbour : OutageTarget.shop).toString(), visit);
        }
    }

    /** Journeys in the shop that goes down. */
    @CircuitProtected(value = ShopVisitSuite.CIRCUIT, failureThreshold = ShopVisitSuite.FAILURE_THRESHOLD,
            halfOpenAfter = "2s")
    abstract static class OnShopThatGoesDown extends Journeys {
        @Override
        boolean healthyShop() {
            return false;
        }
    }

    /** Journeys in the shop that stays healthy. */
    @CircuitProtected(value = NEIGHBOUR_CIRCUIT, failureThreshold = ShopVisitSuite.FAILURE_THRESHOLD,
            halfOpenAfter = "2s")
    abstract static class OnHealthyShop extends Journeys {
        @Override
        boolean healthyShop() {
            return true;
        }
    }

    /**
     * The same classes without {@code @CircuitProtected}, for the dependency-circuit arm
     * ({@code tripswitch.dependencies=auto}): each shop's {@code host:port} is the circuit.
     */
    static List<Class<?>> unannotatedClasses() {
        return List.of(Part1DownNoAnnotation.class, Part1HealthyNoAnnotation.class, Part2DownNoAnnotation.class,
                Part2HealthyNoAnnotation.class, Part3DownNoAnnotation.class, Part3HealthyNoAnnotation.class,
                Part4DownNoAnnotation.class, Part4HealthyNoAnnotation.class, Part5DownNoAnnotation.class,
                Part5HealthyNoAnnotation.class);
    }

    /** An unannotated class's circuit in reports: the annotated twin's, so that the arms compare. */
    static String reportedCircuitOf(Class<?> unannotated) {
        if (NoAnnotationOnShopThatGoesDown.class.isAssignableFrom(unannotated)) {
            return ShopVisitSuite.CIRCUIT;
        }
        return NoAnnotationOnHealthyShop.class.isAssignableFrom(unannotated) ? NEIGHBOUR_CIRCUIT : null;
    }

    /** Journeys in the shop that goes down, without an annotation. */
    abstract static class NoAnnotationOnShopThatGoesDown extends Journeys {
        @Override
        boolean healthyShop() {
            return false;
        }
    }

    /** Journeys in the shop that stays healthy, without an annotation. */
    abstract static class NoAnnotationOnHealthyShop extends Journeys {
        @Override
        boolean healthyShop() {
            return true;
        }
    }

    static final class Part1Down extends OnShopThatGoesDown { }
    static final class Part1Healthy extends OnHealthyShop { }
    static final class Part2Down extends OnShopThatGoesDown { }
    static final class Part2Healthy extends OnHealthyShop { }
    static final class Part3Down extends OnShopThatGoesDown { }
    static final class Part3Healthy extends OnHealthyShop { }
    static final class Part4Down extends OnShopThatGoesDown { }
    static final class Part4Healthy extends OnHealthyShop { }
    static final class Part5Down extends OnShopThatGoesDown { }
    static final class Part5Healthy extends OnHealthyShop { }
    static final class Part1DownNoAnnotation extends NoAnnotationOnShopThatGoesDown { }
    static final class Part1HealthyNoAnnotation extends NoAnnotationOnHealthyShop { }
    static final class Part2DownNoAnnotation extends NoAnnotationOnShopThatGoesDown { }
    static final class Part2HealthyNoAnnotation extends NoAnnotationOnHealthyShop { }
    static final class Part3DownNoAnnotation extends NoAnnotationOnShopThatGoesDown { }
    static final class Part3HealthyNoAnnotation extends NoAnnotationOnHealthyShop { }
    static final class Part4DownNoAnnotation extends NoAnnotationOnShopThatGoesDown { }
    static final class Part4HealthyNoAnnotation extends NoAnnotationOnHealthyShop { }
    static final class Part5DownNoAnnotation extends NoAnnotationOnShopThatGoesDown { }
    static final class Part5HealthyNoAnnotation extends NoAnnotationOnHealthyShop { }
}
