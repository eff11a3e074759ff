package dev.tripswitch.aspectj;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture project built for real with one weaving style, once with JUnit 5 and once with TestNG; every
 * scenario is checked in both builds. Subclasses choose the weaving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 45, unit = TimeUnit.MINUTES)
abstract class WovenFixtureBuilds {

    private List<FixtureBuild> builds;

    /** The fixture's weaving profile: ctw or ltw. */
    abstract String weaving();

    @BeforeAll
    void buildTheFixtureWithBothFrameworks() throws Exception {
        builds = List.of(FixtureBuild.run(weaving(), "junit"), FixtureBuild.run(weaving(), "testng"));
    }

    List<FixtureBuild> builds() {
        return builds;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void protectedCalls_countPerRecordOnAndIgnoreOn_refuseWhenOpen_andCountAsyncOutcomesOnCompletion(FixtureBuild b) {
        for (String test : List.of("ignoredFailure_isNotCounted",
                "recordedFailures_openTheCircuit_andLaterCallsAreRefusedWithoutReachingTheShop",
                "asyncFailure_countsWhenTheStageCompletes", "unwovenClient_runsUnprotected")) {
            assertThat(b.test("ApiCallsTest", test).verdict()).as("%s: %s (%s)", b, test,
                    b.test("ApiCallsTest", test).message()).isEqualTo("passed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void protectedTestCallingAClassLevelPageObjectOfItsOwnCircuit_countsOnceAsTheTest(FixtureBuild b)
            throws IOException {
        assertThat(b.test("ProtectedPagesTest", "searchWhileTheShopIsUp").verdict()).isEqualTo("passed");
        FixtureBuild.Case down = b.test("ProtectedPagesTest", "searchWhileTheShopIsDown");
        assertThat(down.verdict()).isEqualTo(b.failedByAnExceptionVerdict());
        assertThat(down.message()).isEqualTo("search voltage down");
        // the page object's calls ride on the test's permit: up, the test's success only; down, the test's failure
        assertThat(b.observed("ProtectedPagesTest"))
                .containsExactly("pages: state=CLOSED failures=1 ignored=0 successes=1 rejected=0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void failingCallOfAnotherCircuitInsideAProtectedTest_countsOnTheCircuitOfTheCallOnly(FixtureBuild b)
            throws IOException {
        FixtureBuild.Case order = b.test("ProtectedCheckoutTest", "orderWhileTheShopIsDown");
        assertThat(order.verdict()).isEqualTo(b.failedByAnExceptionVerdict());
        assertThat(order.message()).isEqualTo("order 7 down");
        assertThat(b.observed("ProtectedCheckoutTest")).containsExactly(
                "orders: state=CLOSED failures=1 ignored=0 successes=0 rejected=0",
                "checkout: state=CLOSED failures=0 ignored=0 successes=0 rejected=0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void annotatedClassNobodyWove_isReportedOnceWithItsName_andWovenOnesAreNot(FixtureBuild b) {
        assertThat(b.log).containsOnlyOnce("!!! Tripswitch WARNING: @CircuitProtected outside tests that NO circuit"
                + " protects (nothing intercepts these methods):");
        assertThat(b.log).containsOnlyOnce("!!!   shop.unwoven.LegacyClient: not woven by AspectJ, so ping runs"
                + " unprotected");
        assertThat(b.log).doesNotContain("!!!   shop.ShopApi").doesNotContain("!!!   shop.pages.ShopPages");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void clientProtectedThroughTheUsersOwnAnnotation_isGuarded_andTheAnnotationStillReadsBack(FixtureBuild b) {
        FixtureBuild.Case c = b.test("MetaAnnotatedTest", "metaAnnotatedClient_isGuarded_andItsAnnotationReadsBack");
        assertThat(c.verdict()).as("%s (%s)", b, c.message()).isEqualTo("passed");
        assertThat(b.log).doesNotContain("AnnotationFormatError").doesNotContain("jdk.proxy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void callRefusedInsideATest_skipsTheTestWithTheCircuitsReason_protectedOrNot(FixtureBuild b) {
        assertThat(b.test("RefusedCallTest", "stockFailsOnce_andOpensItsCircuit").verdict()).isEqualTo("passed");
        for (String test : List.of("unprotectedTest_meetsTheOpenCircuit", "protectedTest_meetsAnotherCircuitOpen")) {
            FixtureBuild.Case c = b.test("RefusedCallTest", test);
            assertThat(c.verdict()).as("%s: %s (%s)", b, test, c.message()).isEqualTo("skipped");
            assertThat(c.message()).matches("circuit 'stock' is OPEN since \\S+ after 1 consecutive failures?;"
                    + " last failure: java.io.IOException: stock 9 down; next probe at \\S+");
        }
    }
}
