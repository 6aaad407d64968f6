package dev.conveyor.adapter.cli.process;

import dev.conveyor.pipeline.StepContext;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The values of a command's placeholders for one job. */
final class Placeholders implements UnaryOperator<String> {

    private final StepContext context;
    private final Path workdir;
    private final Path pipelineDir;

    Placeholders(StepContext context, Path workdir, Path pipelineDir) {
        this.context = context;
        this.workdir = workdir;
        this.pipelineDir = pipelineDir;
    }

    @Override
    public String apply(String name) {
        return switch (name) {
            case "item" -> context.input().getString("item", "");
            case "workdir" -> workdir.toString();
            case "job_id" -> context.jobId().toString();
            case "attempt" -> Integer.toString(context.attempt());
            case "step" -> context.stepName();
            case "pipeline_dir" -> pipelineDir.toString();
            default -> name.endsWith(".output")
                    ? context.output(name.substring(0, name.length() - ".output".length())).getString("stdout", "")
                    : "";
        };
    }
}
