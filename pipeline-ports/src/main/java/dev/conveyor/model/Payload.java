package dev.conveyor.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object: a job's input or a step's output. Values are JSON-compatible: {@code null},
 * {@link String}, {@link Number}, {@link Boolean}, {@link List} and {@link Map} with string keys, nested.
 * Immutable; the constructor rejects anything a store could not write as JSON.
 */
public record Payload(Map<String, Object> values) {

    private static final Payload EMPTY = new Payload(Map.of());

    public Payload {
        Objects.requireNonNull(values, "payload values must not be null");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "payload keys must not be null");
            copy.put(key, freeze(value, key));
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static Payload empty() {
        return EMPTY;
    }

    public static Payload of(Map<String, ?> values) {
        return new Payload(Map.copyOf(values));
    }

    public static Payload of(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return new Payload(map);
    }

    public static Payload of(String k1, Object v1, String k2, Object v2) {
        return of(k1, v1).with(k2, v2);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A copy with one more (or one replaced) entry. */
    public Payload with(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>(values);
        map.put(key, value);
        return new Payload(map);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String getString(String key, String fallback) {
        Object value = values.get(key);
        return value == null ? fallback : value.toString();
    }

    public long getLong(String key, long fallback) {
        return values.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    public double getDouble(String key, double fallback) {
        return values.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    public boolean getBoolean(String key, boolean fallback) {
        return values.get(key) instanceof Boolean b ? b : fallback;
    }

    public List<?> getList(String key) {
        return values.get(key) instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    public Payload getObject(String key) {
        return values.get(key) instanceof Map<?, ?> map ? new Payload((Map<String, Object>) map) : EMPTY;
    }

    /**
     * How many units of work the value under {@code key} stands for: the number itself, or the size of
     * a list ({@code "files": 3} and {@code "files": ["a", "b", "c"]} both give 3).
     */
    public Optional<Long> countOf(String key) {
        Object value = values.get(key);
        if (value instanceof Number n) {
            return Optional.of(Math.max(0, n.longValue()));
        }
        if (value instanceof List<?> list) {
            return Optional.of((long) list.size());
        }
        return Optional.empty();
    }

    private static Object freeze(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            if (n instanceof Double d && (d.isNaN() || d.isInfinite())
                    || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
                throw new IllegalArgumentException("payload value at '" + path + "' must be a finite number");
            }
            return n;
        }
        if (value instanceof List<?> list) {
            var copy = new java.util.ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(freeze(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("payload keys at '" + path + "' must be strings");
                }
                copy.put(key, freeze(v, path + "." + key));
            });
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Payload payload) {
            return payload.values();
        }
        throw new IllegalArgumentException("payload value at '" + path + "' must be JSON (string, number, "
                + "boolean, list, map or null), got " + value.getClass().getSimpleName());
    }
}
