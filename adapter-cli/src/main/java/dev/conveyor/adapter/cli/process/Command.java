package dev.conveyor.adapter.cli.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A step's command. A list runs as it is, one placeholder value per word. A string runs with
 * {@code /bin/sh -c} when it uses shell syntax (pipes, redirections, quotes, variables…); a plain
 * {@code program arg arg} string runs directly, saving a shell per item.
 */
public sealed interface Command {

    String SHELL_SYNTAX = "|&;<>()$`\\\"'*?[]#~=%!{}\n";

    /** Words that only mean something to a shell: a command starting with one runs through {@code sh -c}. */
    Set<String> SHELL_WORDS = Set.of("exit", "cd", "export", "exec", "source", ".", "set", "unset", "ulimit", "umask",
            "wait", "read", "trap", "eval", "shift", "return", "alias", "if", "for", "while", "until", "case",
            "type", "command", "local", "readonly", "times", "getopts", "hash");

    /** The program and its arguments for these placeholder values. */
    List<String> argv(UnaryOperator<String> values);

    Set<String> placeholders();

    static Command of(String text) {
        Template direct = Template.parse(text);
        boolean plain = direct.literalText().chars().noneMatch(c -> SHELL_SYNTAX.indexOf(c) >= 0);
        List<Template> words = plain ? split(direct) : List.of();
        if (words.isEmpty() || SHELL_WORDS.contains(words.getFirst().toString())) {
            return new Shell(Template.parseShell(text));
        }
        return new Words(words);
    }

    static Command ofWords(List<String> words) {
        return new Words(words.stream().map(Template::parse).toList());
    }

    /** Runs the program directly: each template becomes exactly one argument. */
    record Words(List<Template> words) implements Command {
        public Words {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a command needs at least a program to run");
            }
        }

        @Override
        public List<String> argv(UnaryOperator<String> values) {
            return words.stream().map(word -> word.expand(values)).toList();
        }

        @Override
        public Set<String> placeholders() {
            Set<String> names = new LinkedHashSet<>();
            words.forEach(word -> names.addAll(word.placeholders()));
            return names;
        }

        @Override
        public String toString() {
            return String.join(" ", words.stream().map(Template::toString).toList());
        }
    }

    /** Runs a script with {@code /bin/sh -c}; placeholder values are quoted where they stand. */
    record Shell(Template script) implements Command {
        @Override
        public List<String> argv(UnaryOperator<String> values) {
            return List.of("/bin/sh", "-c", script.expand(values));
        }

        @Override
        public Set<String> placeholders() {
            return script.placeholders();
        }

        @Override
        public String toString() {
            return script.toString();
        }
    }

    private static List<Template> split(Template text) {
        List<Template> words = new ArrayList<>();
        List<Template.Part> word = new ArrayList<>();
        for (Template.Part part : text.parts()) {
            if (part instanceof Template.Part.Slot) {
                word.add(part);
                continue;
            }
            String literal = ((Template.Part.Text) part).text();
            StringBuilder chunk = new StringBuilder();
            for (char c : literal.toCharArray()) {
                if (Character.isWhitespace(c)) {
                    if (!chunk.isEmpty()) {
                        word.add(new Template.Part.Text(chunk.toString()));
                        chunk.setLength(0);
                    }
                    if (!word.isEmpty()) {
                        words.add(new Template(word));
                        word = new ArrayList<>();
                    }
                } else {
                    chunk.append(c);
                }
            }
            if (!chunk.isEmpty()) {
                word.add(new Template.Part.Text(chunk.toString()));
            }
        }
        if (!word.isEmpty()) {
            words.add(new Template(word));
        }
        return words;
    }
}
