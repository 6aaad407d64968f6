package dev.conveyor.adapter.cli.batch;

import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what the user typed into items: files, globs (quoted, so the shell leaves them), {@code -} for lines
 * from stdin, and {@code --items-from FILE} for lines from a file. A file argument that does not exist is an
 * error; a line is a file when it names one, and text (a URL, an id) otherwise. The same item twice is one item.
 */
public final class ItemSources {

    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.+");

    private ItemSources() {
    }

    public static List<Item> resolve(Terminal terminal, List<String> arguments, Optional<String> itemsFrom) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (String argument : arguments) {
            for (Item item : fromArgument(terminal, argument)) {
                items.putIfAbsent(item.value(), item);
            }
        }
        if (itemsFrom.isPresent()) {
            Path list = terminal.resolve(itemsFrom.get());
            if (!Files.isRegularFile(list)) {
                throw new CliException("--items-from file not found: " + itemsFrom.get());
            }
            try (Reader reader = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
                lines(terminal, reader).forEach(item -> items.putIfAbsent(item.value(), item));
            } catch (IOException e) {
                throw new CliException("cannot read --items-from file " + itemsFrom.get() + ": " + e.getMessage(), e);
            }
        }
        if (items.isEmpty()) {
            throw new CliException("no items to run: name files or globs, '-' for lines from stdin, or --items-from FILE");
        }
        return List.copyOf(items.values());
    }

    private static List<Item> fromArgument(Terminal terminal, String argument) {
        if (argument.equals("-")) {
            try {
                return lines(terminal, new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException("cannot read items from stdin: " + e.getMessage(), e);
            }
        }
        if (Globs.isGlob(argument)) {
            List<Path> matches = Globs.expand(terminal.workingDir(), argument);
            if (matches.isEmpty()) {
                throw new CliException("no file matches '" + argument + "'");
            }
            return matches.stream().map(Item::file).toList();
        }
        if (URL.matcher(argument).matches()) {
            return List.of(Item.text(argument));
        }
        Path path = terminal.resolve(argument);
        if (!Files.exists(path)) {
            throw new CliException("item not found: " + argument);
        }
        return List.of(Item.file(path));
    }

    private static List<Item> lines(Terminal terminal, Reader source) throws IOException {
        List<Item> items = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.strip();
            if (!text.isEmpty()) {
                items.add(existingFile(terminal, text).map(Item::file).orElseGet(() -> Item.text(text)));
            }
        }
        return items;
    }

    private static Optional<Path> existingFile(Terminal terminal, String text) {
        if (URL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Path path = terminal.resolve(text);
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
