package dev.conveyor.port.in;

import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;

import java.util.Objects;

/** The command to create a job: run {@code pipeline} over {@code input}, at once if {@code start}. */
public record SubmitJob(TenantId tenant, String pipeline, Payload input, PipelineOptions options, boolean start) {

    public SubmitJob {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(options, "options must not be null");
    }

    public static SubmitJob startNow(TenantId tenant, String pipeline, Payload input) {
        return new SubmitJob(tenant, pipeline, input, PipelineOptions.defaults(), true);
    }
}
