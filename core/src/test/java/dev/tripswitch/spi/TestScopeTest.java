package dev.tripswitch.spi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a test's scope keeps, how it closes, and how adapters bind it to the test's thread. */
class TestScopeTest {

    private final List<String> closed = new CopyOnWriteArrayList<>();

    @AfterEach
    void noScopeLeftOnThisThread() {
        TestScope.closeOnThisThread();
    }

    /** A resource that notes its closing, and may fail to close. */
    private class Resource implements AutoCloseable {
        private final String name;
        private final Exception failure;

        Resource(String name, Exception failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public void close() throws Exception {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private final class First extends Resource {
        First(Exception failure) {
            super("first", failure);
        }
    }

    private final class Second extends Resource {
        Second(Exception failure) {
            super("second", failure);
        }
    }

    @Test
    void aResourceIsMadeOnce_andClosedOnce_theLastMadeFirst() {
        TestScope scope = new TestScope();
        First first = scope.resource(First.class, () -> new First(null));
        assertThat(scope.resource(First.class, () -> new First(null))).isSameAs(first);
        scope.resource(Second.class, () -> new Second(null));

        scope.close();
        scope.close();

        assertThat(closed).containsExactly("second", "first");
        assertThat(scope.isClosed()).isTrue();
        assertThatThrownBy(() -> scope.resource(First.class, () -> new First(null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void resourcesThatFailToClose_allAreClosed_theFirstFailureIsThrownWithTheOthersSuppressed() {
        TestScope scope = new TestScope();
        scope.resource(First.class, () -> new First(new IOException("first failed")));
        scope.resource(Second.class, () -> new Second(new IllegalStateException("second failed")));

        assertThatThrownBy(scope::close)
                .isInstanceOf(IllegalStateException.class).hasMessage("second failed")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s.getCause()).hasMessage("first failed")));
        assertThat(closed).containsExactly("second", "first");
    }

    @Test
    void aScopeBoundToThisThread_isThisThreadsOnly_untilItIsClosed() throws Exception {
        assertThat(TestScope.onThisThread()).isEmpty();
        TestScope mine = TestScope.openOnThisThread();

        assertThat(TestScope.openOnThisThread()).isSameAs(mine);
        assertThat(TestScope.onThisThread()).containsSame(mine);
        assertThat(CompletableFuture.supplyAsync(() -> TestScope.onThisThread().isPresent()).get(1, TimeUnit.MINUTES))
                .as("another thread").isFalse();

        mine.resource(First.class, () -> new First(null));
        TestScope.closeOnThisThread();
        assertThat(closed).containsExactly("first");
        assertThat(TestScope.onThisThread()).isEmpty();
        assertThat(TestScope.openOnThisThread()).isNotSameAs(mine);
    }

    @Test
    void closingAllAtTheEndOfARun_closesTheScopesOfEveryThread() throws Exception {
        TestScope other = CompletableFuture.supplyAsync(() -> {
            TestScope s = TestScope.openOnThisThread();
            s.resource(Second.class, () -> new Second(null));
            return s;
        }).get(1, TimeUnit.MINUTES);
        TestScope.openOnThisThread().resource(First.class, () -> new First(null));

        TestScope.closeAllOnThreads();

        assertThat(closed).containsExactlyInAnyOrder("first", "second");
        assertThat(other.isClosed()).isTrue();
        assertThat(TestScope.onThisThread()).isEmpty();
    }
}
