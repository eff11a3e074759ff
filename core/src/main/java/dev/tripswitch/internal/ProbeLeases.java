package dev.tripswitch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe leases this JVM holds on one shared circuit ({@link SharedCircuit}). A lease's id is unique across
 * JVMs (the binding's JVM id and a number); the number is what the probe's permit carries. The binding's thread
 * renews a lease while its probe runs, once two thirds of its life are spent.
 */
final class ProbeLeases {

    private final StoreBinding binding;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    ProbeLeases(StoreBinding binding) {
        this.binding = binding;
    }

    /** A new lease number, not held until {@link #hold}. */
    long next() {
        return binding.nextLeaseNumber();
    }

    String id(long number) {
        return binding.leaseId(number);
    }

    long millis() {
        return binding.leaseMillis();
    }

    /** The store granted lease {@code number}: renew it until its probe reports. */
    void hold(long number) {
        held.add(number);
    }

    /** The probe of lease {@code number} reported (or released it): its id; it is not renewed any more. */
    String settle(long number) {
        held.remove(number);
        return id(number);
    }

    void clear() {
        held.clear();
    }

    /** The ids of the leases held here whose expiry in {@code leases} (the store's) is less than a third away. */
    List<String> dueForRenewal(Map<String, Long> leases, long now) {
        List<String> due = new ArrayList<>();
        for (Long number : held) {
            Long expiry = leases.get(id(number));
            if (expiry != null && expiry - now < millis() * 2 / 3) {
                due.add(id(number));
            }
        }
        return due;
    }
}
