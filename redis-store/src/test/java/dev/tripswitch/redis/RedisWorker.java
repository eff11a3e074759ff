package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;

/**
 * A JVM of its own against the Redis that system properties name ({@code tripswitch.store} and friends), through
 * the global registry, as a test suite's JVM would. Started by {@link RedisJvmsTest}; prints what it did.
 * <ul>
 *   <li>{@code successes <circuit> <n>}: n permitted calls that succeed and one failure, then exits;</li>
 *   <li>{@code probe <circuit>}: asks once; prints PROBE and holds the probe until killed, or prints REFUSED.</li>
 * </ul>
 */
public final class RedisWorker {

    private RedisWorker() {
    }

    public static void main(String[] args) throws Exception {
        CircuitBreaker circuit = CircuitBreakerRegistry.global().circuit(args[1]);
        switch (args[0]) {
            case "successes" -> {
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    circuit.tryAcquirePermission().onSuccess();
                }
                circuit.recordFailure(new IllegalStateException("one failure from " + ProcessHandle.current().pid()));
                System.out.println("DONE");
            }
            case "probe" -> {
                CircuitPermit permit = circuit.tryAcquirePermission();
                if (permit == null) {
                    System.out.println("REFUSED");
                    return;
                }
                System.out.println(permit.isProbe() ? "PROBE" : "CLOSED");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE); // holds the probe until the test kills this JVM
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
