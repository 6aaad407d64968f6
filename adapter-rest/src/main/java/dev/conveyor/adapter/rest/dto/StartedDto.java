package dev.conveyor.adapter.rest.dto;

/** The answer to process: the queued job and how long its whole run is expected to take, if known. */
public record StartedDto(JobDto job, Long estimatedDurationSeconds) {
}
