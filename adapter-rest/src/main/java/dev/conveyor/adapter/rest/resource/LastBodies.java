package dev.conveyor.adapter.rest.resource;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The body and ETag last rendered for each key (a polled job), with the value they were rendered from. A poll
 * whose freshly read value equals the last one gets the same bytes and tag back instead of serialising and
 * hashing again: most polls of a job find it as it was two seconds before. Values must be immutable with
 * value equality (records). Bounded: past {@code capacity} keys the memory starts afresh.
 *
 * @param <K> what identifies a polled resource
 * @param <V> the value its body is rendered from
 */
final class LastBodies<K, V> {

    /** Turns a value into its body's bytes. */
    @FunctionalInterface
    interface Renderer<V> {
        byte[] render(V value) throws IOException;
    }

    private record Last<V>(V value, Etags.Tagged body) {
    }

    private final int capacity;
    private final Map<K, Last<V>> last = new ConcurrentHashMap<>();

    LastBodies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The body of {@code value}: the one rendered last for {@code key} if that was of an equal value. */
    Etags.Tagged body(K key, V value, Renderer<V> renderer) throws IOException {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Last<V> previous = last.get(key);
        if (previous != null && previous.value().equals(value)) {
            return previous.body();
        }
        Etags.Tagged body = Etags.tagged(renderer.render(value));
        if (last.size() >= capacity) {
            last.clear();
        }
        last.put(key, new Last<>(value, body));
        return body;
    }
}
