package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.annotations.BeforeMethod;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong annotation is a clear test failure naming what is wrong and where, never a silent pass or skip. */
class MisuseTest {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();

    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void useTestRegistry() {
        ran.clear();
        override = CircuitBreakerRegistry.replaceGlobal(
                CircuitBreakerRegistry.builder().clock(new MutableClock()).build());
    }

    @AfterEach
    void restoreRegistry() {
        override.close();
    }

    @CircuitProtected(value = "db", failureThreshold = 0)
    public static class ThresholdZero {
        @BeforeMethod
        public void setUp() {
            ran.add("setUp");
        }

        @org.testng.annotations.Test
        public void query() {
            ran.add("query");
        }
    }

    public static class BadDurationOnMethod {
        @CircuitProtected(value = "db", halfOpenAfter = "soon")
        @org.testng.annotations.Test
        public void query() {
            ran.add("query");
        }
    }

    @CircuitProtected(value = "db", failureThreshold = 2)
    public static class FirstDefinition {
        @org.testng.annotations.Test
        public void read() {
            ran.add("read");
        }
    }

    @CircuitProtected(value = "db", failureThreshold = 4)
    public static class ConflictingDefinition {
        @org.testng.annotations.Test
        public void write() {
            ran.add("write");
        }
    }

    public static class OnConfigurationMethod {
        @CircuitProtected("db")
        @BeforeMethod
        public void setUp() {
            ran.add("setUp");
        }

        @org.testng.annotations.Test
        public void query() {
            ran.add("query");
        }
    }

    /** The user's own annotation carrying @CircuitProtected. */
    @Retention(RetentionPolicy.RUNTIME)
    @CircuitProtected(value = "db", failureThreshold = 2)
    public @interface DatabaseTest {
    }

    @DatabaseTest
    public static class MetaAnnotated {
        @org.testng.annotations.Test(priority = 1)
        public void q1() throws java.io.IOException {
            throw new java.io.IOException("db down");
        }

        @org.testng.annotations.Test(priority = 2)
        public void q2() throws java.io.IOException {
            throw new java.io.IOException("db down");
        }

        @org.testng.annotations.Test(priority = 3)
        public void q3() {
            ran.add("q3");
        }
    }

    @Test
    void failureThresholdZero_theTestFailsNamingTheAttributeValueRangeAndPlaceAndNothingRuns() {
        FixtureRun run = FixtureRun.of(ThresholdZero.class);

        assertThat(run.outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.throwable()).isInstanceOf(CircuitConfigurationException.class)
                    .hasMessage("@CircuitProtected(\"db\") on class " + ThresholdZero.class.getName()
                            + ": failureThreshold must be an integer of 1 or more, but was 0");
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void unparsableDurationOnAMethod_theTestFailsNamingTheAttribute() {
        FixtureRun run = FixtureRun.of(BadDurationOnMethod.class);

        assertThat(run.outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.reason()).isEqualTo("@CircuitProtected(\"db\") on method "
                    + BadDurationOnMethod.class.getName() + "#query: halfOpenAfter must be a duration such as"
                    + " 500ms, 30s, 2m, 1h or ISO-8601 PT30S, but was 'soon'");
        });
        assertThat(ran).isEmpty();
    }

    @Test
    void twoClassesDefineOneCircuitDifferently_theSecondFailsNamingBothPlaces() {
        FixtureRun run = FixtureRun.of(FirstDefinition.class, ConflictingDefinition.class);

        assertThat(run.statuses()).containsExactly("read SUCCESS", "write FAILURE");
        assertThat(run.outcomes.get(1).reason()).isEqualTo("circuit 'db' has conflicting definitions: class "
                + ConflictingDefinition.class.getName() + " sets failureThreshold=4 (in force: 2), but the circuit"
                + " was first defined by class " + FirstDefinition.class.getName());
        assertThat(ran).containsExactly("read");
    }

    @Test
    void annotationOnASetUpMethod_theSetUpFailsSayingWhereTheAnnotationBelongs() {
        FixtureRun run = FixtureRun.of(OnConfigurationMethod.class);

        assertThat(run.configs).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ITestResult.FAILURE);
            assertThat(c.throwable()).isInstanceOf(CircuitConfigurationException.class)
                    .hasMessageContaining("@CircuitProtected on configuration method "
                            + OnConfigurationMethod.class.getName() + "#setUp has no effect");
        });
        assertThat(run.statuses()).containsExactly("query SKIP");
        assertThat(ran).isEmpty();
    }

    @Test
    void metaAnnotation_protectsLikeTheAnnotationItself() {
        FixtureRun run = FixtureRun.of(MetaAnnotated.class);

        assertThat(run.statuses()).containsExactly("q1 FAILURE", "q2 FAILURE", "q3 SKIP");
        assertThat(run.outcomes.get(2).reason()).startsWith("circuit 'db' is OPEN");
        assertThat(ran).isEmpty();
    }
}
