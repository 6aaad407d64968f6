package dev.conveyor.adapter.cli.file;

import java.nio.file.Path;

/** A pipeline file that cannot be used, with the line and field at fault: {@code pipeline.yaml:12: steps[1].timeout: …}. */
public final class PipelineFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PipelineFileException(String file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }

    PipelineFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
