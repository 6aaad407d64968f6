package dev.conveyor.adapter.rest.dto;

import java.util.List;

/**
 * The answer to {@code POST /jobs/batch}: one result per submitted job, in the order sent, each either the
 * created job or the error {@code POST /jobs} would have answered for it.
 */
public record BatchResultDto(int accepted, int rejected, List<Result> results) {

    /**
     * One job of the batch: {@code job} when it was created, else {@code error}. {@code replayed} is true when the
     * job's idempotency key had already created that job (nothing new was created), false otherwise.
     */
    public record Result(JobDto job, ErrorDto error, boolean replayed) {
    }
}
