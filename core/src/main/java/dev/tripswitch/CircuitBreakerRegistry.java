package dev.tripswitch;

import dev.tripswitch.internal.ConnectHealthCheck;
import dev.tripswitch.internal.HealthGate;
import dev.tripswitch.internal.PropertySettings;
import dev.tripswitch.internal.Services;
import dev.tripswitch.internal.StoreBinding;
import dev.tripswitch.internal.StoreProviders;
import dev.tripswitch.store.CircuitStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out circuits by name. The JVM-wide {@link #global()} registry is the one the JUnit extension and the
 * TestNG listener share, so a circuit opened by one framework is open for the other; separate instances
 * (from {@link #builder()}) are for tests and programs that want their own.
 *
 * <p>A circuit's configuration comes from, highest first: the {@link CircuitDefinition} that first asks for
 * it (annotation attributes), system properties {@code tripswitch.circuit.<name>.<setting>}, a
 * {@code tripswitch.properties} file on the class path, the defaults. It is fixed when the circuit is
 * created; a later definition that sets a different value is refused, naming both places.
 *
 * <p>A dependency circuit of a {@code host:port} ({@code dep:shop:8080}) made from a definition or a name, whose
 * settings give no health check ({@code healthUrl}, {@code healthCheck}), gets a TCP connect to that address as its
 * health check when one connect to it succeeds as the circuit is made ({@code tripswitch.dependencies.check=connect},
 * the default; {@code off}: never). A circuit made with an explicit configuration
 * ({@link #circuit(String, CircuitBreakerConfig)}) has exactly that configuration's check.
 */
public final class CircuitBreakerRegistry {

    private static final Object GLOBAL_LOCK = new Object();
    private static volatile CircuitBreakerRegistry global;

    private record Entry(CircuitBreaker circuit, String origin) {
    }

    private final ConcurrentMap<String, Entry> circuits = new ConcurrentHashMap<>();
    private volatile int generation; // written under no lock: clear() is for tests and runs between them
    private final Clock clock;
    private final CircuitBreakerConfig baseConfig;
    private final List<PropertySettings> sources; // lowest first
    private final ClassLoader loader;
    private final CircuitListeners listeners = new CircuitListeners(null);
    private final StoreBinding store; // null: circuits live in memory

    private CircuitBreakerRegistry(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.baseConfig = CircuitBreakerConfig.from(b.baseConfig).clock(b.clock).build();
        this.sources = List.copyOf(b.sources);
        this.loader = b.loader;
        for (CircuitEventListener l : b.listeners) {
            listeners.add(l);
        }
    }

    /**
     * The JVM-wide registry: system clock, system properties, {@code tripswitch.properties} from the context
     * class loader, and the listeners found by {@link ServiceLoader}.
     */
    public static CircuitBreakerRegistry global() {
        CircuitBreakerRegistry r = global;
        if (r == null) {
            synchronized (GLOBAL_LOCK) {
                r = global;
                if (r == null) {
                    r = builder().withSystemSources().withSystemStore().withServiceListeners().build();
                    global = r;
                }
            }
        }
        return r;
    }

    /**
     * Makes {@code replacement} the global registry until the returned handle is closed, which puts the
     * previous one back. For tests of code that uses {@link #global()} (the framework adapters), typically
     * with a controllable clock. Not for concurrent use by independent tests.
     */
    public static GlobalOverride replaceGlobal(CircuitBreakerRegistry replacement) {
        Objects.requireNonNull(replacement, "replacement");
        synchronized (GLOBAL_LOCK) {
            CircuitBreakerRegistry previous = global;
            global = replacement;
            return () -> {
                synchronized (GLOBAL_LOCK) {
                    global = previous;
                }
            };
        }
    }

    /** Restores the previous global registry. */
    @FunctionalInterface
    public interface GlobalOverride extends AutoCloseable {
        @Override
        void close();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The clock every circuit of this registry uses. */
    public Clock clock() {
        return clock;
    }

    /** The circuit called {@code name}, created from properties and defaults if it does not exist yet. */
    public CircuitBreaker circuit(String name) {
        return circuit(CircuitDefinition.builder(name, "code (no explicit settings)").build());
    }

    /**
     * The circuit the definition names, created with its settings if it does not exist yet. If it exists,
     * every setting the definition gives must equal the one in force, or a {@link CircuitConfigurationException}
     * names both places.
     */
    public CircuitBreaker circuit(CircuitDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Entry entry = circuits.get(definition.name());
        if (entry == null) {
            CircuitBreakerConfig config = definition.resolve(baseConfig, sources, loader);
            // a host:port dependency circuit without a check of its own: one connect decides (outside the map's lock)
            HealthGate connectCheck = ConnectHealthCheck.gateFor(definition.name(), config);
            entry = circuits.computeIfAbsent(definition.name(),
                    n -> register(create(n, config, connectCheck), definition.origin()));
        }
        List<String> differences = definition.differencesFrom(entry.circuit().config());
        if (!differences.isEmpty()) {
            throw new CircuitConfigurationException("circuit '" + definition.name()
                    + "' has conflicting definitions: " + definition.origin() + " sets " + String.join(", ", differences)
                    + ", but the circuit was first defined by " + entry.origin());
        }
        return entry.circuit();
    }

    /**
     * The circuit called {@code name} with exactly {@code config} (its clock included). If it exists with a
     * different configuration, a {@link CircuitConfigurationException} says so.
     */
    public CircuitBreaker circuit(String name, CircuitBreakerConfig config) {
        Objects.requireNonNull(config, "config");
        Entry entry = circuits.computeIfAbsent(name, n -> register(create(n, config, null), "code"));
        if (!entry.circuit().config().equals(config)) {
            throw new CircuitConfigurationException("circuit '" + name + "' has conflicting definitions: code asks for "
                    + config + ", but the circuit was first defined by " + entry.origin() + " with "
                    + entry.circuit().config());
        }
        return entry.circuit();
    }

    /** The circuit called {@code name}, if it exists. */
    public Optional<CircuitBreaker> find(String name) {
        return Optional.ofNullable(circuits.get(name)).map(Entry::circuit);
    }

    /** Every circuit of this registry. */
    public Collection<CircuitBreaker> all() {
        List<CircuitBreaker> out = new ArrayList<>();
        circuits.values().forEach(e -> out.add(e.circuit()));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Adds a listener to every circuit of this registry, present and future. */
    public void addListener(CircuitEventListener listener) {
        listeners.add(listener);
        circuits.values().forEach(e -> e.circuit().addListener(listener));
    }

    /** The listeners every new circuit of this registry gets. */
    public List<CircuitEventListener> listeners() {
        return List.of(listeners.toArray());
    }

    /** Forgets every circuit (a later request creates it anew). */
    public void clear() {
        generation++; // before the circuits go: a cache that reads the old generation afterwards sees them gone
        circuits.clear();
    }

    /**
     * Changes whenever {@link #clear()} forgets this registry's circuits: code that keeps a circuit it got from
     * this registry (the AspectJ aspect, per join point) asks again when the generation it kept is not this one.
     */
    public int generation() {
        return generation;
    }

    /** The configuration circuit {@code name} gets from properties and defaults, no definition applied. */
    public CircuitBreakerConfig configFromSources(String name) {
        return CircuitDefinition.builder(name, "properties").build().resolve(baseConfig, sources, loader);
    }

    private CircuitBreaker create(String name, CircuitBreakerConfig config, HealthGate health) {
        return CircuitBreaker.of(name, config, store, health);
    }

    /** Where this registry's circuits keep their state: a store's description, or "memory". */
    public String storeDescription() {
        return store == null ? "memory" : store.description();
    }

    /**
     * Sends what the circuits counted locally to their store and closes it (for programs and tests that built a
     * registry with a store; the global registry's store is closed when the JVM exits). Nothing for memory.
     */
    public void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private Entry register(CircuitBreaker circuit, String origin) {
        for (CircuitEventListener l : listeners.toArray()) {
            circuit.addListener(l);
        }
        return new Entry(circuit, origin);
    }

    /** Builds a registry. Without any {@code with...} call it has defaults only, and no listeners. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private CircuitBreakerConfig baseConfig = CircuitBreakerConfig.ofDefaults();
        private final List<PropertySettings> sources = new ArrayList<>();
        private final List<CircuitEventListener> listeners = new ArrayList<>();
        private ClassLoader loader = Services.contextLoader(CircuitBreakerRegistry.class);
        private StoreBinding store;

        private Builder() {
        }

        /** The clock of every circuit this registry creates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The configuration below every property source (instead of the defaults). */
        public Builder baseConfig(CircuitBreakerConfig config) {
            this.baseConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Adds {@code tripswitch.properties} from the class path, then system properties above it. */
        public Builder withSystemSources() {
            sources.add(PropertySettings.classpathFile(loader));
            sources.add(PropertySettings.frameworkParameters());
            sources.add(PropertySettings.systemProperties());
            return this;
        }

        /** Adds a property source above those already added ({@code sourceName} appears in error messages). */
        public Builder withProperties(String sourceName, java.util.Properties properties) {
            sources.add(PropertySettings.of(sourceName, properties));
            return this;
        }

        /**
         * Keeps the circuits' state in the store that {@code tripswitch.store} names (system property over
         * {@code tripswitch.properties}); nothing when it is unset or {@code memory}. Bad store settings are
         * refused here, naming the setting, the value and what is allowed.
         */
        public Builder withSystemStore() {
            this.store = StoreProviders.fromSystem(loader);
            return this;
        }

        /** Keeps the circuits' state in {@code store}, shared with every JVM that uses it; probe leases last {@code lease}. */
        public Builder store(CircuitStore store, java.time.Duration lease) {
            this.store = new StoreBinding(Objects.requireNonNull(store, "store"), Objects.requireNonNull(lease, "lease"));
            return this;
        }

        /** Adds the listeners that {@link ServiceLoader} finds; one that cannot be loaded is reported and skipped. */
        public Builder withServiceListeners() {
            listeners.addAll(Services.load(CircuitEventListener.class, loader, "circuit event listener"));
            return this;
        }

        public Builder listener(CircuitEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The class loader used for property files, class names in settings and service listeners. */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        public CircuitBreakerRegistry build() {
            return new CircuitBreakerRegistry(this);
        }
    }
}
