package dev.conveyor.adapter.rest.dto;

import dev.conveyor.adapter.rest.json.JsonRequest;

import java.util.List;

/** The body of {@code POST /jobs/batch}: {@code {"jobs": [...]}}, each job as {@code POST /jobs} takes it. */
public record BatchJobsRequest(List<CreateJobRequest> jobs) implements JsonRequest {
}
