package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.pipelines.Catalog;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where pipelines come from besides the built-in ones: pipeline files and plugin jars. */
final class SourceOptions {

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "A pipeline file (YAML or JSON) to know; repeatable.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--plugin", paramLabel = "JAR",
            description = "A jar with Java pipelines (a dev.conveyor.pipeline.PipelineProvider service); repeatable.")
    private List<String> plugins = new ArrayList<>();

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where command steps get their per-item work folders ({workdir}). "
                    + "Default: conveyor-work in the system temp folder.")
    private String workdir;

    Catalog catalog(CliContext context) {
        return Catalog.load(context.terminal(), context.builtIns(), plugins, files, workRoot(context));
    }

    Path workRoot(CliContext context) {
        return workdir != null ? context.terminal().resolve(workdir)
                : Path.of(System.getProperty("java.io.tmpdir"), "conveyor-work");
    }
}
