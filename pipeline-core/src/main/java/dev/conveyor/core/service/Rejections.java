package dev.conveyor.core.service;

import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection.Reason;

/** The messages of refused commands, in words a user can act on. */
final class Rejections {

    private Rejections() {
    }

    static <T> Outcome<T> notFound(JobId id) {
        return Outcome.rejected(Reason.JOB_NOT_FOUND, "No job " + id + " exists for you.");
    }

    static <T> Outcome<T> alreadyProcessing(JobId id) {
        return Outcome.rejected(Reason.ALREADY_PROCESSING,
                "Job " + id + " is already being processed; poll its progress and try again once it has stopped.");
    }

    static <T> Outcome<T> unknownPipeline(String name, Iterable<String> known) {
        return Outcome.rejected(Reason.UNKNOWN_PIPELINE, "No pipeline is named '" + name + "'. Known pipelines: "
                + String.join(", ", known) + ".");
    }

    static <T> Outcome<T> wrongState(String action, JobStatus status, String hint) {
        return Outcome.rejected(Reason.WRONG_STATE, "Cannot " + action + " a job that is " + status.wireName()
                + "; " + hint);
    }

    static <T> Outcome<T> invalid(String message) {
        return Outcome.rejected(Reason.INVALID, message);
    }
}
