package dev.tripswitch;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads on one circuit: the counters add up exactly and the probe limit holds at every moment. */
class ConcurrencyStressTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 20_000;

    @RepeatedTest(3)
    void manyThreadsHammeringOneCircuit_countersAddUp_andProbesNeverExceedTheLimit() throws Exception {
        MutableClock clock = MutableClock.start();
        int permittedProbes = 2;
        CircuitBreaker cb = CircuitBreaker.of("stress", CircuitBreakerConfig.custom()
                .failureThreshold(3).permittedProbes(permittedProbes).successThreshold(2)
                .halfOpenAfter(Duration.ofMillis(5)).recoveryTimeout(Duration.ofMillis(40))
                .clock(clock).build());

        AtomicInteger probesOut = new AtomicInteger();
        AtomicInteger maxProbesOut = new AtomicInteger();
        LongAdder granted = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder reportedSuccess = new LongAdder();
        LongAdder reportedCountedFailure = new LongAdder();
        LongAdder reportedIgnored = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    if (rnd.nextInt(50) == 0) {
                        clock.advance(Duration.ofMillis(3));
                    }
                    CircuitPermit permit = cb.tryAcquirePermission();
                    if (permit == null) {
                        refused.increment();
                        continue;
                    }
                    granted.increment();
                    if (permit.isProbe()) {
                        int now = probesOut.incrementAndGet();
                        maxProbesOut.accumulateAndGet(now, Math::max);
                        if (rnd.nextInt(4) == 0) {
                            Thread.yield();
                        }
                        probesOut.decrementAndGet();
                    }
                    int roll = rnd.nextInt(10);
                    if (roll < 6) {
                        reportedSuccess.increment();
                        permit.onSuccess();
                    } else if (roll < 9) {
                        reportedCountedFailure.increment();
                        permit.onFailure(new IOException("down"));
                    } else if (roll < 10 && rnd.nextBoolean()) {
                        reportedIgnored.increment();
                        permit.onFailure(new AssertionError("wrong"));
                    } else {
                        permit.release();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        CircuitSnapshot s = cb.snapshot();
        assertThat(granted.sum() + refused.sum()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
        assertThat(s.totalRejected()).isEqualTo(refused.sum());
        assertThat(s.totalSuccesses()).isEqualTo(reportedSuccess.sum());
        assertThat(s.totalFailures()).isEqualTo(reportedCountedFailure.sum());
        assertThat(s.totalIgnored()).isEqualTo(reportedIgnored.sum());
        assertThat(maxProbesOut.get()).isLessThanOrEqualTo(permittedProbes);
        assertThat(s.timesOpened()).as("the run exercised opening").isGreaterThan(10);
        assertThat(refused.sum()).as("the run exercised refusals").isPositive();
    }

    @Test
    void aPermittedCallInClosed_allocatesNothing() {
        CircuitBreaker cb = CircuitBreaker.ofDefaults("hot");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) { // warm up: JIT, LongAdder cells
            cb.tryAcquirePermission().onSuccess();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            cb.tryAcquirePermission().onSuccess();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // 100 000 calls: even one small object per call would be 1.6 MB; allow only the measuring noise.
        assertThat(allocated).isLessThan(10_000);
    }

    @Test
    void aRefusalInOpen_allocatesNothing_andIsCountedExactly() {
        CircuitBreaker cb = CircuitBreaker.of("hot-open", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(java.time.Duration.ofHours(1)).recoveryTimeout(java.time.Duration.ofHours(1)).build());
        cb.recordFailure(new IllegalStateException("down"));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) { // warm up: JIT, the counter's slot
            assertThat(cb.tryAcquirePermission()).isNull();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            if (cb.tryAcquirePermission() == null) {
                refused++;
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).isLessThan(10_000);
        assertThat(refused).isEqualTo(100_000);
        assertThat(cb.snapshot().totalRejected()).isEqualTo(300_000);
    }
}
