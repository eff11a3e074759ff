package dev.tripswitch.samples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleAppTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private SampleApp app;

    @BeforeEach
    void start() throws Exception {
        app = SampleApp.start(Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthy_servesTheShop() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<title>Tripswitch Sample Shop</title>");
    }

    @Test
    void down_refusesConnections_andComesBackOnTheSamePort() throws Exception {
        app.switchTo(SampleApp.Mode.DOWN);
        assertThatThrownBy(() -> get("/")).isInstanceOf(ConnectException.class);
        app.switchTo(SampleApp.Mode.HEALTHY);
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void error_answers500() throws Exception {
        app.switchTo(SampleApp.Mode.ERROR);
        assertThat(get("/product/1").statusCode()).isEqualTo(500);
    }

    @Test
    void slow_delaysEveryPage() throws Exception {
        app.switchTo(SampleApp.Mode.SLOW);
        long t0 = System.nanoTime();
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theAdminEndpoint_switchesTheMode() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.adminUri().resolve("mode?set=error")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("error\n");
        assertThat(app.mode()).isEqualTo(SampleApp.Mode.ERROR);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(app.adminUri().resolve("mode?set=broken")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mode must be one of healthy, down, slow, error, but was 'broken'");
    }
}
