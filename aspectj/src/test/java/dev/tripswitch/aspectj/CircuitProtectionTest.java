package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitState;
import dev.tripswitch.internal.CallCountedFailures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitProtectionTest extends WithTestRegistry {

    private final ShopClient shop = new ShopClient();

    @Test
    void successfulCall_returnsItsResultAndRecordsASuccess() throws IOException {
        assertThat(shop.search("voltage")).isEqualTo("results for voltage");

        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(1);
        assertThat(circuit("shop").config().failureThreshold()).isEqualTo(2); // the annotation's settings
    }

    @Test
    void failingCalls_comeBackUnchangedAndOpenTheCircuitAtTheThreshold() {
        IOException down = new IOException("shop down");
        shop.nextFailure = down;

        assertThatThrownBy(() -> shop.search("a")).isSameAs(down);
        assertThatThrownBy(() -> shop.search("b")).isSameAs(down);

        assertThat(circuit("shop").state()).isEqualTo(CircuitState.OPEN);
        assertThat(circuit("shop").snapshot().totalFailures()).isEqualTo(2);
    }

    @Test
    void refusedCall_throwsCircuitOpenExceptionWithTheSnapshot_andDoesNotRunTheBody() {
        shop.nextFailure = new IOException("shop down");
        assertThatThrownBy(() -> shop.search("a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> shop.search("b")).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> shop.search("c")).isInstanceOfSatisfying(CircuitOpenException.class, e -> {
            assertThat(e.snapshot().name()).isEqualTo("shop");
            assertThat(e.snapshot().state()).isEqualTo(CircuitState.OPEN);
            assertThat(e.getMessage()).contains("circuit 'shop' is OPEN").contains("java.io.IOException: shop down");
        });
        assertThat(shop.bodiesRun).hasValue(2);
        assertThat(circuit("shop").snapshot().totalRejected()).isEqualTo(1);
    }

    @Test
    void assertionError_isNotCountedByDefault() {
        shop.nextFailure = new AssertionError("wrong answer");

        assertThatThrownBy(() -> shop.search("a")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> shop.search("b")).isInstanceOf(AssertionError.class);

        assertThat(circuit("shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit("shop").snapshot().totalFailures()).isZero();
        assertThat(circuit("shop").snapshot().totalIgnored()).isEqualTo(2);
    }

    @Test
    void privateFinalAndStaticMethods_areWovenToo() {
        assertThat(shop.callPrivate()).isEqualTo(1);
        shop.finalPing();
        assertThat(ShopClient.staticVersion()).isEqualTo("1");

        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(3);
    }

    @Test
    void methodCarryingATestAnnotation_isLeftToTheAdapters() {
        shop.lookingLikeATest();

        assertThat(registry.find("shop")).isEmpty();
        assertThat(shop.bodiesRun).hasValue(1);
    }

    @Test
    void classLevelAnnotation_protectsItsPublicMethodsOnly() {
        CatalogPages pages = new CatalogPages();
        assertThat(pages.internalName()).isEqualTo("catalog");
        assertThat(pages.toString()).isEqualTo("CatalogPages");
        assertThat(registry.find("catalog")).as("package-private and toString are not protected").isEmpty();

        assertThat(pages.open("home")).isEqualTo("page home");
        assertThat(CatalogPages.home()).isEqualTo("home");
        assertThat(circuit("catalog").snapshot().totalSuccesses()).isEqualTo(2);

        pages.nextFailure = new IllegalStateException("catalog down");
        assertThatThrownBy(() -> pages.open("x")).hasMessage("catalog down");
        assertThatThrownBy(() -> pages.open("y")).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void classLevelAnnotationOfTheUsersOwn_protectsThePublicMethods() {
        assertThat(new CartPages().add("fuse")).isEqualTo("added fuse");

        assertThat(circuit("cart").snapshot().totalSuccesses()).isEqualTo(1);
        assertThat(circuit("cart").config().failureThreshold()).isEqualTo(1);
    }

    @Test
    void nestedCallOfTheSameCircuit_countsItsFailureOnce() {
        shop.nextFailure = new IOException("shop down");

        assertThatThrownBy(() -> shop.searchTwice("a")).isInstanceOf(IOException.class);

        assertThat(circuit("shop").snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit("shop").snapshot().failureCount()).isEqualTo(1);
    }

    @Test
    void failureOfAnInnerCircuit_countsOnTheInnerCircuitOnly() {
        IOException down = new IOException("shop down");
        shop.nextFailure = down;

        assertThatThrownBy(() -> shop.checkout("a")).isSameAs(down);

        assertThat(circuit("shop").snapshot().totalFailures()).isEqualTo(1);
        assertThat(circuit("checkout").snapshot().totalFailures()).isZero();
        assertThat(circuit("checkout").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(CallCountedFailures.countedByACall(new RuntimeException(down)))
                .as("a test failing with it (or with a wrapper of it) will not count it again").isTrue();
    }

    @Test
    void refusalByAnInnerCircuit_isNotAFailureOfTheOuterCircuit() {
        shop.nextFailure = new IOException("shop down");
        assertThatThrownBy(() -> shop.search("a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> shop.search("b")).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> shop.checkout("c")).isInstanceOf(CircuitOpenException.class);

        assertThat(circuit("checkout").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit("checkout").snapshot().totalFailures()).isZero();
    }

    @Test
    void probeCall_letsItsNestedCallsOfTheSameCircuitRideOnIt_andClosesTheCircuit() throws IOException {
        shop.nextFailure = new IOException("shop down");
        assertThatThrownBy(() -> shop.search("a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> shop.search("b")).isInstanceOf(IOException.class);
        clock.advance(Duration.ofSeconds(10));
        shop.nextFailure = null;

        assertThat(shop.searchTwice("c")).isEqualTo("results for c / results for c");

        assertThat(circuit("shop").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(circuit("shop").snapshot().totalRejected()).isZero();
    }

    @Test
    void asyncMethod_countsWhenTheStageCompletes() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<String> returned = shop.searchLater(answer);
        assertThat(circuit("shop").snapshot().totalSuccesses()).as("not yet complete").isZero();

        answer.complete("42");

        assertThat(returned.join()).isEqualTo("42");
        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(1);
    }

    @Test
    void asyncMethodFailing_countsTheStagesOwnException() {
        IOException down = new IOException("shop down");
        CompletionStage<String> first = shop.searchStage(CompletableFuture.failedFuture(down));
        CompletionStage<String> second = shop.searchStage(CompletableFuture.failedFuture(down));

        assertThatThrownBy(() -> first.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasCause(down);
        assertThat(second.toCompletableFuture().isCompletedExceptionally()).isTrue();
        assertThat(circuit("shop").state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> shop.searchLater(new CompletableFuture<>()))
                .isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void badAttributeValue_isRefusedAtEveryCallNamingTheSettingAndThePlace() {
        MisconfiguredClient client = new MisconfiguredClient();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(client::badThreshold).isInstanceOf(CircuitConfigurationException.class)
                    .hasMessageContaining("@CircuitProtected(\"inventory\") on method "
                            + MisconfiguredClient.class.getName() + "#badThreshold")
                    .hasMessageContaining("failureThreshold");
        }
    }

    @Test
    void conflictingDefinitionsOfOneCircuit_nameBothPlaces() {
        MisconfiguredClient client = new MisconfiguredClient();
        assertThat(client.orders()).isEqualTo("orders");

        assertThatThrownBy(client::ordersAgain).isInstanceOf(CircuitConfigurationException.class)
                .hasMessageContaining("#ordersAgain sets failureThreshold=4 (in force: 3)")
                .hasMessageContaining("first defined by method " + MisconfiguredClient.class.getName() + "#orders");
    }

    @Test
    void anotherGlobalRegistry_rebindsTheJoinPoint() throws IOException {
        shop.search("a");
        try (var other = dev.tripswitch.CircuitBreakerRegistry.replaceGlobal(
                dev.tripswitch.CircuitBreakerRegistry.builder().build())) {
            shop.search("b");
        }
        shop.search("c");

        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(2);
    }

    @Test
    void clearedRegistry_rebindsTheJoinPointToTheNewCircuit() throws IOException {
        shop.search("a");
        CircuitBreaker before = circuit("shop");
        registry.clear(); // what a suite runner does between two runs in one JVM: the circuits are made anew

        shop.search("b");

        assertThat(circuit("shop")).isNotSameAs(before);
        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(1);
        assertThat(before.snapshot().totalSuccesses()).isEqualTo(1);
    }

    @Test
    void joinPointsCalledInTurn_eachCountsOnItsOwnCircuit_beforeAndAfterAClear() throws IOException {
        CartPages cart = new CartPages();
        for (int i = 0; i < 3; i++) { // each call finds a join point other than the one found last
            shop.search("a");
            cart.add("fuse");
        }
        CircuitBreaker shopBefore = circuit("shop");
        registry.clear();
        for (int i = 0; i < 2; i++) {
            shop.search("b");
            cart.add("lamp");
        }
        shop.search("c"); // the one found last again: still the new circuit
        shop.search("d");

        assertThat(shopBefore.snapshot().totalSuccesses()).isEqualTo(3);
        assertThat(circuit("shop")).isNotSameAs(shopBefore);
        assertThat(circuit("shop").snapshot().totalSuccesses()).isEqualTo(4);
        assertThat(circuit("cart").snapshot().totalSuccesses()).isEqualTo(2);
    }

    @Test
    void switchedOff_runsTheMethodWithoutAskingAnyCircuit() throws IOException {
        System.setProperty("tripswitch.enabled", "false");
        try {
            assertThat(shop.search("a")).isEqualTo("results for a");
        } finally {
            System.clearProperty("tripswitch.enabled");
        }
        assertThat(registry.find("shop")).isEmpty();
    }
}
