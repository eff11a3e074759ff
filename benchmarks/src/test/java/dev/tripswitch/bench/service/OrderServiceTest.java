package dev.tripswitch.bench.service;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderServiceTest {

    @Test
    void journeyPasses_whileUp_andAgainAfterTheServiceIsBack() throws Exception {
        try (OrderService service = OrderService.start(Duration.ZERO, OrderService.DownMode.REFUSE)) {
            ServiceTarget.set(service.baseUri(), null, 3);
            for (int n = 1; n <= 3; n++) {
                int visit = n;
                assertThatCode(() -> ServiceTarget.orderJourney(service.baseUri(), visit)).doesNotThrowAnyException();
            }
            service.setDown(true);
            service.setDown(false);
            assertThatCode(() -> ServiceTarget.orderJourney(service.baseUri(), 4)).doesNotThrowAnyException();
        }
    }

    @Test
    void refusingService_failsTheJourneyWithAConnectionError_anIOExceptionThatCounts() throws Exception {
        try (OrderService service = OrderService.start(Duration.ZERO, OrderService.DownMode.REFUSE)) {
            ServiceTarget.set(service.baseUri(), null, 1);
            service.setDown(true);
            assertThatThrownBy(() -> ServiceTarget.orderJourney(service.baseUri(), 1))
                    .isInstanceOf(IOException.class).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void hangingService_failsTheJourneyWhenTheClientTimesOut_andAnswersOnceBack() throws Exception {
        try (OrderService service = OrderService.start(Duration.ZERO, OrderService.DownMode.HANG)) {
            ServiceTarget.set(service.baseUri(), null, 1);
            service.setDown(true);
            assertThatThrownBy(() -> ServiceTarget.orderJourney(service.baseUri(), 1))
                    .isInstanceOf(HttpTimeoutException.class);
            service.setDown(false);
            assertThatCode(() -> ServiceTarget.orderJourney(service.baseUri(), 2)).doesNotThrowAnyException();
        }
    }

    @Test
    void wrongAnswer_isAnAssertionError_notAnInfrastructureFailure() throws Exception {
        // a server that answers every request with 404: the service answered, wrongly
        HttpServer notTheService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notTheService.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        notTheService.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + notTheService.getAddress().getPort() + "/");
            ServiceTarget.set(base, null, 1);
            assertThatThrownBy(() -> ServiceTarget.orderJourney(base, 1))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("expected 201");
        } finally {
            notTheService.stop(0);
        }
    }

    @Test
    void parallelParts_splitTheTestsIntoUniqueNumbers_halfOnEachService() {
        ServiceTarget.set(null, null, 23);
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (boolean neighbour : new boolean[]{false, true}) {
            for (int part = 0; part < ParallelOrderApi.PARTS; part++) {
                ServiceTarget.part(part, ParallelOrderApi.PARTS, neighbour).forEach(all::add);
            }
        }
        org.assertj.core.api.Assertions.assertThat(all).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 23).boxed().toList());
        org.assertj.core.api.Assertions.assertThat(ServiceTarget.part(0, ParallelOrderApi.PARTS, true).min()
                .orElseThrow()).isEqualTo(12);
    }
}
