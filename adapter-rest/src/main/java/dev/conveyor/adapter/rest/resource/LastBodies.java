package dev.conveyor.adapter.rest.resource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.IOException;
import java.util.Objects;

/**
 * The body and ETag last rendered for each key (a polled job), with the value they were rendered from. A poll
 * whose freshly read value equals the last one gets the same bytes and tag back instead of serialising and
 * hashing again: most polls of a job find it as it was two seconds before. Values must be immutable with
 * value equality (records). Bounded to {@code capacity} keys, evicting those polled least (Caffeine's
 * W-TinyLFU): with more jobs polled than fit, most polls still find their body, rather than all of them
 * missing after the memory starts afresh.
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

    private final Cache<K, Last<V>> last;

    LastBodies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.last = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    }

    /** The body of {@code value}: the one rendered last for {@code key} if that was of an equal value. */
    Etags.Tagged body(K key, V value, Renderer<V> renderer) throws IOException {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Last<V> previous = last.getIfPresent(key);
        if (previous != null && previous.value().equals(value)) {
            return previous.body();
        }
        Etags.Tagged body = Etags.tagged(renderer.render(value));
        last.put(key, new Last<>(value, body));
        return body;
    }

    /** How many keys are remembered now. */
    long size() {
        last.cleanUp();
        return last.estimatedSize();
    }
}
