package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitRulesContract;
import dev.tripswitch.store.UnsharedCircuits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit's rules on the Redis store ({@code transition.lua} on a real {@code redis-server}): each circuit is
 * made by a registry of its own, with its own connections, standing for a JVM of its own; every scenario has a
 * scope of its own. The store is opened with the contract's clock standing in for the server's {@code TIME}, so
 * the scenarios move time without sleeping ({@link RedisStoreTest} and {@link RedisWaitTest} run on the server's
 * clock).
 */
class RedisRulesContractTest extends CircuitRulesContract {

    private static RedisServer redis;
    private final Map<CircuitBreaker, CircuitBreakerRegistry> jvms = new IdentityHashMap<>();
    private final String scope = "rules-" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void nothingUnshared() {
        UnsharedCircuits.clear();
    }

    @AfterEach
    void closeStores() {
        jvms.values().forEach(CircuitBreakerRegistry::closeStore);
        assertThat(UnsharedCircuits.all()).as("every circuit kept its state in Redis").isEmpty();
        UnsharedCircuits.clear();
    }

    @Override
    protected CircuitBreaker circuit(CircuitBreakerConfig config) {
        CircuitBreakerRegistry jvm = CircuitBreakerRegistry.builder().clock(clock)
                .store(RedisServer.openStoreTimedBy(clock, redis.uri(), scope, "10s"), PROBE_LEASE).build();
        CircuitBreaker circuit = jvm.circuit(NAME, config);
        jvms.put(circuit, jvm);
        return circuit;
    }

    @Override
    protected CircuitBreaker inAnotherJvm(CircuitBreakerConfig config) {
        return circuit(config);
    }

    @Override
    protected void crash(CircuitBreaker circuit) {
        jvms.get(circuit).closeStore(); // its upkeep thread stops: no lease of it is renewed
    }
}
