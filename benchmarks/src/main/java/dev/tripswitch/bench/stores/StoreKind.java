package dev.tripswitch.bench.stores;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.redis.RedisStoreProvider;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.FileStoreProvider;
import dev.tripswitch.store.StoreSettings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Where the benchmarked circuits keep their state: in memory (each JVM its own), the file store, or Redis. */
public enum StoreKind {
    MEMORY, FILE, REDIS;

    private static final List<CircuitStoreProvider> PROVIDERS = List.of(new FileStoreProvider(), new RedisStoreProvider());

    /** {@code memory}, {@code file} or {@code redis} (any case); anything else is refused naming what is allowed. */
    public static StoreKind parse(String setting, String value) {
        for (StoreKind k : values()) {
            if (k.label().equalsIgnoreCase(value.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException(setting + "=" + value + " is not a store; allowed: "
                + Arrays.stream(values()).map(StoreKind::label).collect(Collectors.joining(", ")));
    }

    /** Parses a comma-separated list such as {@code memory,file,redis}. */
    public static List<StoreKind> parseList(String setting, String value) {
        List<StoreKind> out = Arrays.stream(value.split(",")).map(v -> parse(setting, v)).distinct().toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException(setting + "=" + value + " names no store; allowed: memory, file, redis");
        }
        return out;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A registry whose circuits live at {@code location} ({@code file:<dir>} or {@code redis://...}) in
     * {@code scope}, opened through the stores' public providers as {@code tripswitch.store} would open it.
     */
    public static CircuitBreakerRegistry registryAt(String location, String scope) {
        StoreSettings s = settings(location, scope);
        return CircuitBreakerRegistry.builder().store(s.providerAmong(PROVIDERS).open(s), s.lease()).build();
    }

    /** The store itself at {@code location} in {@code scope}, for reading what it holds; the caller closes it. */
    public static CircuitStore storeAt(String location, String scope) {
        StoreSettings s = settings(location, scope);
        return s.providerAmong(PROVIDERS).open(s);
    }

    private static StoreSettings settings(String location, String scope) {
        return StoreSettings.from(Map.of(StoreSettings.STORE, location, StoreSettings.SCOPE, scope), "benchmark",
                PROVIDERS);
    }
}
