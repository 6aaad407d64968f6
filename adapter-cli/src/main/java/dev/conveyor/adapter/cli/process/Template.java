package dev.conveyor.adapter.cli.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with placeholders: {@code {item}}, {@code {workdir}}, {@code {extract.output}}. A placeholder is a
 * lower-case name in braces; braces around anything else ({@code {print $1}}) and shell expansions
 * ({@code ${HOME}}) are left as they are.
 */
public record Template(List<Part> parts) {

    private static final Pattern SLOT = Pattern.compile("(?<!\\$)\\{([a-z][a-z0-9_-]*(?:\\.[a-z][a-z0-9_-]*)?)}");

    public Template {
        parts = List.copyOf(parts);
    }

    /** Literal text, or a placeholder and how its value must be quoted where it stands. */
    public sealed interface Part {
        record Text(String text) implements Part {
        }

        record Slot(String name, ShellQuoting quoting) implements Part {
        }
    }

    public static Template parse(String text) {
        return parse(text, false);
    }

    /** Parses shell script text, noting for each placeholder whether it stands in quotes. */
    static Template parseShell(String text) {
        return parse(text, true);
    }

    private static Template parse(String text, boolean shell) {
        List<Part> parts = new ArrayList<>();
        Matcher m = SLOT.matcher(text);
        ShellQuoting.Scanner quotes = new ShellQuoting.Scanner();
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                String literal = text.substring(at, m.start());
                parts.add(new Part.Text(literal));
                quotes.scan(literal);
            }
            parts.add(new Part.Slot(m.group(1), shell ? quotes.state() : ShellQuoting.NONE));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Part.Text(text.substring(at)));
        }
        return new Template(parts);
    }

    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Part.Slot slot) {
                names.add(slot.name());
            }
        }
        return names;
    }

    /** The text with each placeholder replaced by its value, quoted for the shell where it stands. */
    public String expand(UnaryOperator<String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Part.Text text -> out.append(text.text());
                case Part.Slot slot -> out.append(slot.quoting().quote(values.apply(slot.name())));
            }
        }
        return out.toString();
    }

    /** The literal text only, placeholders left out: what decides whether a shell is needed. */
    String literalText() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Part.Text text) {
                out.append(text.text());
            } else {
                out.append(' ');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Part.Text text -> out.append(text.text());
                case Part.Slot slot -> out.append('{').append(slot.name()).append('}');
            }
        }
        return out.toString();
    }
}
