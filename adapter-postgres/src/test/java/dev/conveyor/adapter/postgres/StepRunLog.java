package dev.conveyor.adapter.postgres;

import dev.conveyor.pipeline.PipelineDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Step runs logged to a file that outlives the process running them: each step appends {@code who job step}
 * when its body begins, one short line per append (atomic under {@code O_APPEND}), then works for a moment.
 * The pipeline is {@code documents}, the five steps of the store tests' jobs.
 */
final class StepRunLog {

    private StepRunLog() {
    }

    static PipelineDefinition pipeline(Path log, String who) {
        PipelineDefinition.Builder builder = PipelineDefinition.named("documents");
        for (String step : StepLog.STEPS) {
            builder.step(step, context -> {
                append(log, who + " " + context.jobId() + " " + step + "\n");
                Thread.sleep(5);
            });
        }
        return builder.build();
    }

    /** The log's lines, each split in its three fields. */
    static List<String[]> read(Path log) {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(line -> line.split(" "))
                    .filter(fields -> fields.length == 3).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path log, String line) {
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
