package dev.conveyor.adapter.postgres;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What was last worked out of an immutable object, kept by that very object (by identity, never by equality): a
 * fixed number of slots, each holding the last object that hashed to it and its value, so a lookup is one array
 * read and a miss overwrites the slot. Threads may race on a slot; each then works the value out itself, which is
 * harmless for a pure function. A lock-free stand-in for a cache where a cache's own bookkeeping would cost more
 * than the work it saves.
 *
 * @param <K> an immutable object
 * @param <V> what is worked out of it
 */
final class IdentityMemo<K, V> {

    private record Slot<K, V>(K key, V value) {
    }

    private final AtomicReferenceArray<Slot<K, V>> slots;
    private final int mask;
    private final Function<K, V> work;
    private final Predicate<V> worthKeeping;

    /**
     * @param size         the number of slots, a power of two
     * @param worthKeeping whether a value (and its object) is small enough to keep: a slot holds both
     */
    IdentityMemo(int size, Function<K, V> work, Predicate<V> worthKeeping) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, got " + size);
        }
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.work = work;
        this.worthKeeping = worthKeeping;
    }

    V get(K key) {
        int index = spread(System.identityHashCode(key)) & mask;
        Slot<K, V> slot = slots.getPlain(index);
        if (slot != null && slot.key() == key) {
            return slot.value();
        }
        V value = work.apply(key);
        if (worthKeeping.test(value)) {
            slots.setPlain(index, new Slot<>(key, value));
        }
        return value;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
