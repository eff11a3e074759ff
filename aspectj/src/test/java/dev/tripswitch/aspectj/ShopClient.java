package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitProtected;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** An API client whose methods are woven (this module's test classes are compiled by ajc). */
class ShopClient {

    /** What the next call does: answer, or throw this. */
    volatile Throwable nextFailure;
    final AtomicInteger bodiesRun = new AtomicInteger();

    /** The shop's settings, given once for every method that uses the circuit. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @CircuitProtected(value = "shop", failureThreshold = 2, halfOpenAfter = "10s", recoveryTimeout = "20s")
    @interface ShopCall {
    }

    @ShopCall
    String search(String query) throws IOException {
        bodiesRun.incrementAndGet();
        Throwable f = nextFailure;
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        return "results for " + query;
    }

    /** Same circuit, no settings of its own: calls {@link #search} inside its own protected call. */
    @ShopCall
    String searchTwice(String query) throws IOException {
        return search(query) + " / " + search(query);
    }

    @ShopCall
    private int privateCount() {
        bodiesRun.incrementAndGet();
        return 1;
    }

    int callPrivate() {
        return privateCount();
    }

    @ShopCall
    final void finalPing() {
        bodiesRun.incrementAndGet();
    }

    @ShopCall
    static String staticVersion() {
        return "1";
    }

    @ShopCall
    CompletableFuture<String> searchLater(CompletableFuture<String> answer) {
        bodiesRun.incrementAndGet();
        return answer;
    }

    @ShopCall
    CompletionStage<String> searchStage(CompletableFuture<String> answer) {
        return answer;
    }

    @ShopCall
    @org.junit.jupiter.api.Test
    void lookingLikeATest() {
        bodiesRun.incrementAndGet();
    }

    /** A method of another circuit that calls into this one. */
    @CircuitProtected(value = "checkout", failureThreshold = 1)
    String checkout(String query) throws IOException {
        return search(query);
    }
}
