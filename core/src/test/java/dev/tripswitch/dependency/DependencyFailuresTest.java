package dev.tripswitch.dependency;

import dev.tripswitch.CircuitOpenException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of infrastructure failures: which failures count, and the dependency read from each. */
class DependencyFailuresTest {

    private static final Dependency SHOP = Dependency.hostAndPort("shop", 8080);

    private static Optional<String> named(Throwable failure, Dependency target) {
        return DependencyFailures.dependencyOf(failure, target).map(Dependency::name);
    }

    @Test
    void unknownHost_namesTheTarget_elseTheHostOfItsMessage() {
        assertThat(named(new UnknownHostException("payments.internal"), null)).hasValue("payments.internal");
        assertThat(named(new UnknownHostException("payments.internal: Name or service not known"), null))
                .hasValue("payments.internal");
        assertThat(named(new UnknownHostException("payments.internal"), SHOP)).hasValue("shop:8080");
    }

    @Test
    void connectionFailures_nameTheTarget_elseTheAddressTheirMessageNames() {
        assertThat(named(new ConnectException(), SHOP)).hasValue("shop:8080");
        assertThat(named(new ConnectException("Connection refused"), null)).isEmpty();
        assertThat(named(new ConnectException("Failed to connect to localhost/127.0.0.1:8081"), null)) // OkHttp
                .hasValue("localhost:8081");
        assertThat(named(new ConnectException("Connect to http://Shop:8080 [shop/10.0.0.7] failed: Connection refused"),
                null)).hasValue("shop:8080"); // Apache HttpClient 5
        assertThat(named(new IOException("I/O error on GET request for \"https://api.example.com/orders\"",
                new SocketTimeoutException("Read timed out")), null)).hasValue("api.example.com:443"); // Spring
        assertThat(named(new SocketTimeoutException("connect timed out"), SHOP)).hasValue("shop:8080");
    }

    @Test
    void httpClientTimeoutsAndOtherIoFailures_countOnlyWhenTheCallsTargetIsKnown() {
        assertThat(named(new HttpConnectTimeoutException("HTTP connect timed out"), SHOP)).hasValue("shop:8080");
        assertThat(named(new HttpTimeoutException("request timed out"), SHOP)).hasValue("shop:8080");
        assertThat(named(new SocketException("Connection reset"), SHOP)).hasValue("shop:8080");
        assertThat(named(new IOException("HTTP/1.1 header parser received no bytes"), SHOP)).hasValue("shop:8080");
        assertThat(named(new HttpTimeoutException("request timed out"), null)).isEmpty();
        assertThat(named(new IOException("disk full"), null)).isEmpty();
    }

    @Test
    void productFailures_nameNothing_evenWithAnInfrastructureCause() {
        assertThat(named(new AssertionError("expected 200 but was 404"), SHOP)).isEmpty();
        assertThat(named(new AssertionError("wrapped", new ConnectException()), SHOP)).isEmpty();
        assertThat(named(new IllegalStateException("no such product"), SHOP)).isEmpty();
        assertThat(named(new CircuitOpenException(dev.tripswitch.CircuitBreaker.ofDefaults("x").snapshot()), SHOP)).isEmpty();
    }

    @Test
    void causesAreSearched() {
        assertThat(named(new RuntimeException("client failed", new UnknownHostException("db.internal")), null))
                .hasValue("db.internal");
    }

    @Test
    void aMappingOfTheUsersOwn_isAskedFirst() {
        DependencyMapping database = (failure, target) -> failure instanceof IllegalStateException
                && String.valueOf(failure.getMessage()).startsWith("pool exhausted")
                ? Optional.of(new Dependency("postgres:5432")) : Optional.empty();
        DependencyFailures.register(database);
        try {
            assertThat(named(new IllegalStateException("pool exhausted"), null)).hasValue("postgres:5432");
            assertThat(named(new IllegalStateException("no such product"), null)).isEmpty();
        } finally {
            DependencyFailures.unregister(database);
        }
        assertThat(named(new IllegalStateException("pool exhausted"), null)).isEmpty();
    }

    @Test
    void aThrowingMapping_isNoAnswer() {
        DependencyMapping broken = (failure, target) -> {
            throw new IllegalStateException("broken mapping");
        };
        DependencyFailures.register(broken);
        try {
            assertThat(named(new ConnectException(), SHOP)).hasValue("shop:8080");
        } finally {
            DependencyFailures.unregister(broken);
        }
    }

    @Test
    void dependenciesOfAddresses() {
        assertThat(Dependency.ofAddress("http://Shop:8080/cart")).hasValue(SHOP);
        assertThat(Dependency.ofAddress("https://api.example.com/x").map(Dependency::name)).hasValue("api.example.com:443");
        assertThat(Dependency.ofAddress("http://example.com").map(Dependency::name)).hasValue("example.com:80");
        assertThat(Dependency.ofAddress("about:blank")).isEmpty();
        assertThat(Dependency.ofAddress("data:text/html,hi")).isEmpty();
        assertThat(Dependency.ofAddress("not a uri")).isEmpty();
        assertThat(Dependency.of(URI.create("http://[::1]:9000/")).map(Dependency::name)).hasValue("[::1]:9000");
        assertThat(SHOP.circuitName()).isEqualTo("dep:shop:8080");
        assertThat(SHOP.hostOnly().map(Dependency::name)).hasValue("shop");
        assertThat(Dependency.driver("CHROME").name()).isEqualTo("driver:chrome");
        assertThat(Dependency.driver("chrome").hostOnly()).isEmpty();
        assertThatThrownBy(() -> new Dependency(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
