package dev.conveyor.adapter.cli.file;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed YAML or JSON value that remembers the line it was written on, so errors can point at it. */
sealed interface Node {

    int line();

    /** What the user would call it in an error: "a list", "a number", … */
    String kind();

    /** A string, number, boolean or null. */
    record Scalar(Object value, int line) implements Node {
        @Override
        public String kind() {
            return switch (value) {
                case null -> "empty";
                case String s -> "text";
                case Boolean b -> "true/false";
                case Number n -> "a number";
                default -> "a value";
            };
        }

        /** The value as the user wrote it, for messages and for string-typed fields. */
        String text() {
            return value == null ? "" : value.toString();
        }
    }

    record Field(String key, int line, Node value) {
    }

    record Mapping(Map<String, Field> fields, int line) implements Node {
        public Mapping {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        Optional<Field> field(String key) {
            return Optional.ofNullable(fields.get(key));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(List<Node> items, int line) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
