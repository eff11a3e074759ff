package dev.tripswitch.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The change notifications of one scope: a daemon thread subscribed to the scope's channel runs the callbacks of
 * the circuit each message names. A lost connection is retried every {@value #RETRY_MILLIS} ms; after each
 * (re)subscription every callback runs once, for what was missed. Polling by the circuits covers the gaps.
 */
final class RedisChanges implements AutoCloseable {

    static final long RETRY_MILLIS = 500;

    private final HostAndPort server;
    private final DefaultJedisClientConfig config;
    private final String channel;
    private final Map<String, List<Runnable>> callbacks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Jedis connection;
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onMessage(String ch, String circuit) {
            runAll(callbacks.getOrDefault(circuit, List.of()));
        }

        @Override
        public void onSubscribe(String ch, int count) {
            callbacks.values().forEach(RedisChanges.this::runAll);
        }
    };

    RedisChanges(HostAndPort server, DefaultJedisClientConfig config, String channel, String description) {
        this.server = server;
        // no read timeout while subscribed: the thread waits for messages; a dead server closes the socket
        this.config = DefaultJedisClientConfig.builder().from(config).socketTimeoutMillis(0).build();
        this.channel = channel;
        this.thread = new Thread(this::listen, "tripswitch-redis-changes " + description);
        thread.setDaemon(true);
        thread.start();
    }

    void watch(String circuit, Runnable changed) {
        callbacks.computeIfAbsent(circuit, c -> new CopyOnWriteArrayList<>()).add(changed);
    }

    private void listen() {
        while (!closed) {
            try (Jedis jedis = new Jedis(server, config)) {
                connection = jedis;
                jedis.subscribe(listener, channel);
            } catch (RuntimeException lost) {
                // the server went away or refused: the circuits' polling notices; try again shortly
            }
            connection = null;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runAll(List<Runnable> list) {
        for (Runnable r : list) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.getLogger(RedisChanges.class.getName()).log(System.Logger.Level.WARNING,
                        "Tripswitch: a change callback failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
        Jedis c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        thread.interrupt();
    }
}
