package dev.conveyor.adapter.cli.pipelines;

import dev.conveyor.adapter.cli.file.PipelineFileException;
import dev.conveyor.adapter.cli.file.PipelineFiles;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.pipeline.PipelineDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipelines one command knows, by name: the built-in ones, those of plugin jars and those of pipeline
 * files. A name given twice is an error, not a silent override.
 */
public final class Catalog {

    /**
     * A pipeline and where it came from: {@code built-in}, {@code plugin x.jar}, {@code file p.yaml}.
     *
     * @param fromFile whether its steps run commands (and so want a work folder per item)
     */
    public record Entry(PipelineDefinition definition, String source, boolean fromFile) {
        public Entry {
            Objects.requireNonNull(definition, "definition must not be null");
            Objects.requireNonNull(source, "source must not be null");
        }

        public String name() {
            return definition.name();
        }
    }

    private static final List<String> FILE_NAMES = List.of("pipeline.yaml", "pipeline.yml", "pipeline.json");

    private final Terminal terminal;
    private final Path workRoot;
    private final Map<String, Entry> byName = new LinkedHashMap<>();

    private Catalog(Terminal terminal, Path workRoot) {
        this.terminal = terminal;
        this.workRoot = workRoot;
    }

    /**
     * @param plugins  plugin jars as the user typed them
     * @param files    pipeline files (or folders holding a pipeline.yaml) as the user typed them
     * @param workRoot the parent of the per-job work folders of command steps
     */
    public static Catalog load(Terminal terminal, BuiltInPipelines builtIns, List<String> plugins, List<String> files,
                               Path workRoot) {
        Catalog catalog = new Catalog(terminal, workRoot);
        builtIns.pipelines().forEach(p -> catalog.add(new Entry(p, "built-in", false)));
        for (String jar : plugins) {
            PluginJars.load(terminal.resolve(jar), jar).forEach(catalog::add);
        }
        for (String file : files) {
            catalog.add(catalog.readFile(file));
        }
        return catalog;
    }

    public List<Entry> all() {
        return List.copyOf(byName.values());
    }

    public List<PipelineDefinition> definitions() {
        return all().stream().map(Entry::definition).toList();
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * A pipeline named on the command line: a known name, or a pipeline file (or a folder with a
     * pipeline.yaml) that is then added to the catalog.
     */
    public Entry resolve(String nameOrFile) {
        Optional<Entry> known = find(nameOrFile);
        if (known.isPresent()) {
            return known.get();
        }
        if (looksLikeFile(nameOrFile) || Files.exists(terminal.resolve(nameOrFile))) {
            Entry entry = readFile(nameOrFile);
            add(entry);
            return entry;
        }
        throw new CliException("unknown pipeline '" + nameOrFile + "'; known: "
                + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))
                + " (or give a pipeline file: *.yaml, *.yml, *.json)");
    }

    private Entry readFile(String typed) {
        Path path = terminal.resolve(typed);
        if (Files.isDirectory(path)) {
            Optional<Path> inside = FILE_NAMES.stream().map(path::resolve).filter(Files::isRegularFile).findFirst();
            if (inside.isEmpty()) {
                throw new CliException("no pipeline file in folder " + typed + " (looked for "
                        + String.join(", ", FILE_NAMES) + ")");
            }
            path = inside.get();
        }
        if (!Files.exists(path)) {
            throw new CliException("pipeline file not found: " + typed);
        }
        try {
            return new Entry(PipelineFiles.read(path, terminal.show(path), workRoot), "file " + terminal.show(path), true);
        } catch (PipelineFileException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private void add(Entry entry) {
        Entry before = byName.putIfAbsent(entry.name(), entry);
        if (before != null && before != entry) {
            throw new CliException("two pipelines are named '" + entry.name() + "': " + before.source() + " and "
                    + entry.source());
        }
    }

    private static boolean looksLikeFile(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json") || text.contains("/");
    }

    /** The names of all pipelines, for messages. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
