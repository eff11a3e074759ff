package dev.tripswitch.redis;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.SharedState;
import dev.tripswitch.store.SharedStateFields;
import dev.tripswitch.store.StoreException;
import dev.tripswitch.store.StoreOperation;
import dev.tripswitch.store.StoreSettings;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Redis store. Each circuit is one hash, {@code tripswitch:{<scope>}:<circuit>}, changed only by one Lua
 * script ({@code transition.lua}) that applies an operation atomically and times it with the server's
 * {@code TIME}, so JVMs with skewed clocks agree on when a probe is due. The script publishes the circuit's
 * name on {@code tripswitch:{<scope>}:changes} after every change ({@link RedisChanges} listens); keys expire
 * {@link #KEY_TTL} after their last change. Every call is bounded by {@code tripswitch.store.timeout}
 * (connect, read, and waiting for a pooled connection).
 *
 * <p>Tests that drive circuits by a controllable clock may open the store with a {@link Clock} that stands in
 * for the server's {@code TIME} ({@link #open(RedisAddress, StoreSettings, Clock)}); a store opened through
 * {@code tripswitch.store} always uses the server's clock.
 */
public final class RedisCircuitStore implements CircuitStore {

    static final Duration KEY_TTL = Duration.ofHours(6);
    static final String SCRIPT = loadScript();

    private final RedisClient client;
    private final String description;
    private final String keyPrefix;
    private final String channel;
    private final RedisChanges changes;
    private final Clock timeForTests; // null: the server's TIME times every operation
    private volatile String sha;

    private RedisCircuitStore(RedisClient client, RedisAddress address, DefaultJedisClientConfig config, String scope,
                              Clock timeForTests) {
        this.client = client;
        this.timeForTests = timeForTests;
        this.description = address.shown() + " (scope " + scope + ")";
        this.keyPrefix = "tripswitch:{" + scope + "}:";
        this.channel = keyPrefix + "changes";
        this.changes = new RedisChanges(new HostAndPort(address.host(), address.port()), config, channel, description);
    }

    /**
     * Connects and checks the credentials. Refused credentials are a configuration error (naming the store,
     * never the password); a server that cannot be reached is a {@link StoreException} (its circuits run unshared).
     */
    static RedisCircuitStore open(RedisAddress address, StoreSettings settings) {
        return open(address, settings, null);
    }

    /**
     * As {@link #open(RedisAddress, StoreSettings)}, but the script times operations by {@code timeForTests}
     * instead of the server's {@code TIME} (null: the server's), so that tests can move time without sleeping.
     */
    static RedisCircuitStore open(RedisAddress address, StoreSettings settings, Clock timeForTests) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout).database(address.database()).ssl(address.tls())
                .clientName("tripswitch");
        if (address.user() != null) {
            b.user(address.user());
        }
        if (address.password() != null) {
            b.password(address.password());
        }
        DefaultJedisClientConfig config = b.build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8);
        pool.setMaxWait(settings.timeout());
        RedisClient client = RedisClient.builder().hostAndPort(address.host(), address.port()).clientConfig(config)
                .poolConfig(pool).build();
        try {
            client.ping();
        } catch (JedisException e) {
            client.close();
            String why = StoreSettings.mask(messages(e));
            if (refusedCredentials(why)) {
                throw new CircuitConfigurationException(StoreSettings.STORE + "=" + settings.shown() + " ("
                        + settings.origin() + ") is refused: the Redis server at " + address.host() + ":"
                        + address.port() + " did not accept the credentials (" + why + ")", e);
            }
            throw new StoreException("store " + address.shown() + ": cannot reach the server: " + why, e);
        }
        return new RedisCircuitStore(client, address, config, settings.scope(), timeForTests);
    }

    private static boolean refusedCredentials(String why) {
        String w = why.toUpperCase(Locale.ROOT);
        return w.contains("WRONGPASS") || w.contains("NOAUTH") || w.contains("INVALID PASSWORD")
                || w.contains("INVALID USERNAME-PASSWORD");
    }

    /** The messages of {@code e} and its causes, for a failure nobody should have to dig for. */
    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 500; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return b.toString();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public SharedState apply(String name, CircuitBreakerConfig config, StoreOperation op) {
        SharedState.Failure f = op.failure();
        List<String> args = List.of(op.kind().name(), Long.toString(op.epoch()), op.lease() == null ? "" : op.lease(),
                Long.toString(op.leaseMillis()), f == null ? "" : f.type(),
                f == null || f.message() == null ? "" : f.message(),
                Long.toString(op.pending().successes()), Long.toString(op.pending().ignored()),
                Long.toString(op.pending().rejected()), Long.toString(config.halfOpenAfter().toMillis()),
                Long.toString(config.recoveryTimeout().toMillis()), Integer.toString(config.failureThreshold()),
                Integer.toString(config.permittedProbes()), Integer.toString(config.successThreshold()),
                Long.toString(KEY_TTL.toMillis()), channel, name, Integer.toString(SharedState.HISTORY_CAPACITY),
                op.reason() == null ? "" : op.reason(),
                timeForTests == null ? "" : Long.toString(timeForTests.millis()));
        List<String> keys = List.of(keyPrefix + name);
        Object reply;
        try {
            reply = run(keys, args);
        } catch (JedisException e) {
            throw new StoreException("store " + description + ": circuit '" + name + "': "
                    + StoreSettings.mask(messages(e)), e);
        }
        List<?> flat = (List<?>) reply;
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i + 1 < flat.size(); i += 2) {
            fields.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return SharedStateFields.fromFields(fields, Long.parseLong(text(flat.get(0))));
    }

    private Object run(List<String> keys, List<String> args) {
        String loaded = sha;
        if (loaded != null) {
            try {
                return client.evalsha(loaded, keys, args);
            } catch (JedisNoScriptException flushedOrRestarted) {
                sha = null;
            }
        }
        Object reply = client.eval(SCRIPT, keys, args);
        sha = client.scriptLoad(SCRIPT, keys.get(0));
        return reply;
    }

    private static String text(Object o) {
        return o instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public void watch(String name, Runnable changed) {
        changes.watch(name, changed);
    }

    @Override
    public void close() {
        changes.close();
        client.close();
    }

    private static String loadScript() {
        try (InputStream in = RedisCircuitStore.class.getResourceAsStream("transition.lua")) {
            if (in == null) {
                throw new IllegalStateException("transition.lua is missing from tripswitch-redis");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
