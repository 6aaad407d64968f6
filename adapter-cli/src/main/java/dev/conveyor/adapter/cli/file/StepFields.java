package dev.conveyor.adapter.cli.file;

import dev.conveyor.adapter.cli.process.Command;
import dev.conveyor.adapter.cli.process.CommandStep;
import dev.conveyor.adapter.cli.process.Template;
import dev.conveyor.pipeline.RetryPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fields of a step that need more than a type check: its command, environment and retries. */
final class StepFields {

    private StepFields() {
    }

    /** A list runs as it is; a string runs directly or through the shell (see {@link Command#of}). */
    static Command command(Located field, Set<String> earlier) {
        Command command;
        if (field.node() instanceof Node.Sequence sequence) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                words.add(Fields.scalarText(field.item(i, sequence.items().get(i))));
            }
            if (words.isEmpty()) {
                throw field.problem("must name a program to run");
            }
            command = Command.ofWords(words);
        } else {
            String text = Fields.scalarText(field);
            if (text.isBlank()) {
                throw field.problem("must name a program to run");
            }
            command = Command.of(text);
        }
        checkPlaceholders(field, command.placeholders(), earlier);
        return command;
    }

    static Map<String, Template> env(Optional<Located> field, Set<String> earlier) {
        if (field.isEmpty()) {
            return Map.of();
        }
        if (!(field.get().node() instanceof Node.Mapping mapping)) {
            throw field.get().problem("must map variable names to values, not " + field.get().node().kind());
        }
        Map<String, Template> env = new LinkedHashMap<>();
        for (Node.Field entry : mapping.fields().values()) {
            Located value = field.get().child(entry);
            if (!entry.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw value.problem("'" + entry.key() + "' is not an environment variable name");
            }
            Template template = Template.parse(Fields.scalarText(value));
            checkPlaceholders(value, template.placeholders(), earlier);
            env.put(entry.key(), template);
        }
        return env;
    }

    /** {@code retries} more tries after the first (2 by default), {@code backoff} apart, doubling. */
    static RetryPolicy retry(Fields fields) {
        int retries = fields.integer("retries", 2, 0);
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(retries + 1);
        return fields.duration("backoff")
                .map(initial -> policy.withBackoff(initial, 2.0,
                        initial.compareTo(policy.maxBackoff()) > 0 ? initial : policy.maxBackoff()))
                .orElse(policy);
    }

    private static void checkPlaceholders(Located field, Set<String> used, Set<String> earlier) {
        for (String name : used) {
            boolean output = name.endsWith(".output");
            if (CommandStep.PLACEHOLDERS.contains(name)
                    || output && earlier.contains(name.substring(0, name.length() - ".output".length()))) {
                continue;
            }
            List<String> known = new ArrayList<>();
            CommandStep.PLACEHOLDERS.forEach(p -> known.add("{" + p + "}"));
            earlier.forEach(step -> known.add("{" + step + ".output}"));
            throw field.problem("unknown placeholder {" + name + "}: it " + (output ? "names no earlier step"
                    : "is not a placeholder") + "; known here: " + String.join(", ", known));
        }
    }
}
