package dev.conveyor.adapter.cli.file;

import dev.conveyor.model.DurationText;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of one mapping's fields, each failing with the line and field at fault. */
final class Fields {

    private final Located at;
    private final Node.Mapping mapping;

    private Fields(Located at, Node.Mapping mapping) {
        this.at = at;
        this.mapping = mapping;
    }

    static Fields of(Located at, String what, Set<String> known) {
        if (!(at.node() instanceof Node.Mapping mapping)) {
            throw at.problem("must be " + what + " (a mapping of fields), not " + at.node().kind());
        }
        for (Node.Field field : mapping.fields().values()) {
            if (!known.contains(field.key())) {
                throw at.child(field).problem("unknown field; the fields are: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new Fields(at, mapping);
    }

    Optional<Located> optional(String key) {
        return mapping.field(key).map(at::child)
                .filter(child -> !(child.node() instanceof Node.Scalar scalar && scalar.value() == null));
    }

    Located required(String key) {
        return optional(key).orElseThrow(() -> new PipelineFileException(at.file(), at.node().line(),
                at.path().isEmpty() ? key : at.path() + "." + key, "is missing"));
    }

    String string(Located field) {
        if (!(field.node() instanceof Node.Scalar scalar) || scalar.value() == null) {
            throw field.problem("must be text, not " + field.node().kind());
        }
        return scalar.text();
    }

    Optional<String> string(String key) {
        return optional(key).map(this::string);
    }

    int integer(String key, int fallback, int min) {
        Optional<Located> field = optional(key);
        if (field.isEmpty()) {
            return fallback;
        }
        if (!(field.get().node() instanceof Node.Scalar scalar) || !(scalar.value() instanceof Integer
                || scalar.value() instanceof Long)) {
            throw field.get().problem("must be a whole number, not " + describe(field.get().node()));
        }
        long value = ((Number) scalar.value()).longValue();
        if (value < min || value > 1_000_000) {
            throw field.get().problem("must be between " + min + " and 1000000, got " + value);
        }
        return (int) value;
    }

    boolean bool(String key) {
        Optional<Located> field = optional(key);
        if (field.isEmpty()) {
            return false;
        }
        if (!(field.get().node() instanceof Node.Scalar scalar) || !(scalar.value() instanceof Boolean b)) {
            throw field.get().problem("must be true or false, not " + describe(field.get().node()));
        }
        return b;
    }

    Optional<Duration> duration(String key) {
        return optional(key).map(field -> {
            String text = scalarText(field);
            Duration value = DurationText.parse(text).orElseThrow(() -> field.problem("'" + text
                    + "' is not a duration; write e.g. " + DurationText.EXAMPLES));
            if (value.isZero()) {
                throw field.problem("must be longer than 0");
            }
            return value;
        });
    }

    List<Located> list(Located field) {
        if (!(field.node() instanceof Node.Sequence sequence)) {
            throw field.problem("must be a list, not " + field.node().kind());
        }
        return java.util.stream.IntStream.range(0, sequence.items().size())
                .mapToObj(i -> field.item(i, sequence.items().get(i))).toList();
    }

    static String scalarText(Located field) {
        if (!(field.node() instanceof Node.Scalar scalar) || scalar.value() == null) {
            throw field.problem("must be text, not " + field.node().kind());
        }
        return scalar.text();
    }

    private static String describe(Node node) {
        return node instanceof Node.Scalar scalar && scalar.value() != null ? "'" + scalar.text() + "'" : node.kind();
    }
}
