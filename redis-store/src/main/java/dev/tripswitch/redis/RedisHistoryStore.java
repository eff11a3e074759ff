package dev.tripswitch.redis;

import dev.tripswitch.report.history.HistoryStore;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.Tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run history in Redis ({@code tripswitch.history=redis://host:6379/0}), for shards on several machines that
 * write one run. Keys:
 * <ul>
 *   <li>{@code tripswitch:history:runs} — a sorted set of run ids, scored by when the run's first part came;</li>
 *   <li>{@code tripswitch:history:run:<run id>} — a hash: part id → the part's bytes (gzip-compressed JSON, as in
 *       a folder). One {@code HSET} writes a part: it appears whole or not at all, and writers of other parts of the
 *       run never touch it;</li>
 *   <li>{@code tripswitch:history:damaged} and {@code tripswitch:history:damaged:why} — hashes of the parts moved
 *       aside ({@code <run id>/<part id>} → bytes, and → what is wrong).</li>
 * </ul>
 * Every call is bounded by a two-second timeout; a failure is an {@link IOException} naming the server.
 */
final class RedisHistoryStore implements HistoryStore {

    static final String PREFIX = "tripswitch:history:";
    private static final String RUNS = PREFIX + "runs";
    private static final byte[] DAMAGED = bytes(PREFIX + "damaged");
    private static final byte[] DAMAGED_WHY = bytes(PREFIX + "damaged:why");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final String description;

    private RedisHistoryStore(RedisClient client, RedisAddress address) {
        this.client = client;
        this.description = address.shown();
    }

    /** Connects and checks the server answers; one that does not is refused with why. */
    static RedisHistoryStore open(RedisAddress address) {
        int timeout = (int) TIMEOUT.toMillis();
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout).database(address.database()).ssl(address.tls())
                .clientName("tripswitch-history");
        if (address.user() != null) {
            b.user(address.user());
        }
        if (address.password() != null) {
            b.password(address.password());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(4);
        pool.setMaxWait(TIMEOUT);
        RedisClient client = RedisClient.builder().hostAndPort(address.host(), address.port())
                .clientConfig(b.build()).poolConfig(pool).build();
        try {
            client.ping();
        } catch (JedisException e) {
            client.close();
            throw new IllegalArgumentException("the Redis server at " + address.host() + ":" + address.port()
                    + " does not answer or refuses the credentials ("
                    + RedisCircuitStore.messages(e).replaceAll("(://[^:/@\\s]*:)[^@\\s]*@", "$1****@") + ")", e);
        }
        return new RedisHistoryStore(client, address);
    }

    @Override
    public String description() {
        return "Redis " + description;
    }

    @Override
    public void write(String runId, String partId, byte[] part) throws IOException {
        call(() -> {
            client.zadd(RUNS, System.currentTimeMillis(), runId, ZAddParams.zAddParams().nx());
            client.hset(runKey(runId), bytes(partId), part);
            return null;
        });
    }

    @Override
    public List<Entry> parts() throws IOException {
        return call(() -> {
            List<Entry> out = new ArrayList<>();
            for (Tuple run : client.zrangeWithScores(RUNS, 0, -1)) {
                byte[] key = runKey(run.getElement());
                Instant written = Instant.ofEpochMilli((long) run.getScore());
                for (byte[] part : client.hkeys(key)) {
                    out.add(new Entry(run.getElement(), new String(part, StandardCharsets.UTF_8),
                            client.hstrlen(key, part), written));
                }
            }
            return out;
        });
    }

    @Override
    public InputStream open(String runId, String partId) throws IOException {
        byte[] part = call(() -> client.hget(runKey(runId), bytes(partId)));
        if (part == null) {
            throw new NoSuchFileException(description() + " run " + runId + " part " + partId);
        }
        return new ByteArrayInputStream(part);
    }

    @Override
    public String moveAside(String runId, String partId, String why) throws IOException {
        byte[] field = bytes(runId + "/" + partId);
        return call(() -> {
            byte[] part = client.hget(runKey(runId), bytes(partId));
            if (part != null) {
                client.hset(DAMAGED, field, part);
                client.hset(DAMAGED_WHY, field, bytes(why));
                client.hdel(runKey(runId), bytes(partId));
            }
            if (client.hlen(runKey(runId)) == 0) {
                client.zrem(RUNS, runId);
            }
            return description() + " hash " + PREFIX + "damaged, field " + runId + "/" + partId;
        });
    }

    @Override
    public void delete(String runId) throws IOException {
        call(() -> {
            client.del(runKey(runId));
            client.zrem(RUNS, runId);
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private static byte[] runKey(String runId) {
        return bytes(PREFIX + "run:" + runId);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (JedisException e) {
            throw new IOException(description() + ": " + RedisCircuitStore.messages(e), e);
        }
    }
}
