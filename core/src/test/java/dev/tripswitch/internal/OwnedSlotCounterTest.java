package dev.tripswitch.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedSlotCounterTest {

    @Test
    void incrementsFromManyThreads_addUpExactly_evenAfterTheThreadsAreGone() throws Exception {
        OwnedSlotCounter c = new OwnedSlotCounter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    c.increment();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(c.sum()).isEqualTo(800_000);
    }

    @Test
    void reset_startsFromZero_andLaterIncrementsCount() {
        OwnedSlotCounter c = new OwnedSlotCounter();
        c.increment();
        c.increment();
        c.reset();
        assertThat(c.sum()).isZero();
        c.increment();
        assertThat(c.sum()).isEqualTo(1);
    }

    @Test
    void moreThreadsThanCacheEntries_stillAddUpExactly() throws Exception {
        OwnedSlotCounter c = new OwnedSlotCounter();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 300; t++) { // several threads per cache entry: some take the ThreadLocal path
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    c.increment();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(c.sum()).isEqualTo(300_000);
    }
}
