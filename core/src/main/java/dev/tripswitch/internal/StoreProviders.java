package dev.tripswitch.internal;

import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.FileStoreProvider;
import dev.tripswitch.store.StoreSettings;

import java.util.ArrayList;
import java.util.List;

/** The store providers: the built-in file store, and those {@link java.util.ServiceLoader} finds. */
public final class StoreProviders {

    private StoreProviders() {
    }

    public static List<CircuitStoreProvider> all(ClassLoader loader) {
        List<CircuitStoreProvider> out = new ArrayList<>();
        out.add(new FileStoreProvider());
        for (CircuitStoreProvider p : Services.load(CircuitStoreProvider.class, loader, "circuit store")) {
            if (!(p instanceof FileStoreProvider)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The store the system properties and {@code tripswitch.properties} name, bound; {@code null} for the
     * in-memory default. Bad settings are refused at once; a store that cannot be reached makes its circuits
     * run unshared (the binding then says so).
     */
    public static StoreBinding fromSystem(ClassLoader loader) {
        List<CircuitStoreProvider> providers = all(loader);
        StoreSettings settings = StoreSettings.from(StoreSettings.systemProperties(loader),
                StoreSettings.originOf(loader), providers);
        return settings == null ? null : StoreBinding.open(settings, loader);
    }
}
