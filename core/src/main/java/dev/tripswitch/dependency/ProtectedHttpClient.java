package dev.tripswitch.dependency;

import dev.tripswitch.internal.DependencyWatch;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A JDK {@link HttpClient} whose requests are watched calls to the {@code host:port} of their URI
 * ({@link DependencyCalls}): refused with a {@link dev.tripswitch.CircuitOpenException} while that dependency's
 * circuit is open, and their connection failures, time-outs and other I/O failures remembered as the dependency's
 * infrastructure failures. Answers are never failures here, whatever their status: a 4xx or 5xx answer the test
 * rejects is a product failure. With {@code tripswitch.dependencies} off it only delegates.
 *
 * <pre>{@code
 * HttpClient http = ProtectedHttpClient.wrap(HttpClient.newHttpClient());
 * }</pre>
 *
 * <p>Thread-safe, as the client it wraps. An asynchronous request is checked when it is sent, and its failure is
 * remembered for the test that sent it.
 */
public final class ProtectedHttpClient extends HttpClient {

    private final HttpClient delegate;

    private ProtectedHttpClient(HttpClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** {@code client}, its requests watched. */
    public static HttpClient wrap(HttpClient client) {
        return client instanceof ProtectedHttpClient ? client : new ProtectedHttpClient(client);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Dependency target = Dependency.of(request.uri()).orElse(null);
        DependencyCalls.before(target);
        try {
            return delegate.send(request, handler);
        } catch (IOException e) {
            throw DependencyCalls.failed(target, e);
        } catch (RuntimeException e) {
            throw DependencyCalls.failed(target, e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        Dependency target = Dependency.of(request.uri()).orElse(null);
        DependencyCalls.before(target);
        Optional<DependencyWatch> watch = DependencyWatch.current(); // the failure comes on another thread
        CompletableFuture<HttpResponse<T>> sent = pushPromiseHandler == null ? delegate.sendAsync(request, handler)
                : delegate.sendAsync(request, handler, pushPromiseHandler);
        if (watch.isPresent() && target != null) {
            sent.whenComplete((response, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    DependencyFailures.dependencyOf(cause, target).ifPresent(d -> {
                        watch.get().callFailed(failure, d);
                        watch.get().callFailed(cause, d);
                    });
                }
            });
        }
        return sent;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public String toString() {
        return "ProtectedHttpClient[" + delegate + "]";
    }
}
