package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.UserError;

import java.util.Optional;

/** One item of a batch as the run follows it: what was decided for it and its job as last read. */
final class Tracked {

    /** What the run does with an item, given the job an earlier run left for it. */
    enum Start {
        /** No usable job yet: submit one. */
        SUBMIT,
        /** Completed before: nothing to do. */
        ALREADY_DONE,
        /** Failed before: resume it at its failed step. */
        RETRY,
        /** Created but never started. */
        PROCESS,
        /** Queued, running elsewhere or paused for review: just follow it. */
        FOLLOW
    }

    final Item item;
    final Start start;
    /** The job an earlier run left, which RETRY and PROCESS start again. */
    final Optional<Job> prior;
    /** For SUBMIT: the item's newest job when the run planned, which the new job supersedes (cancelled, forced). */
    final Optional<JobId> supersedes;
    private Job job;
    private UserError notStarted;
    private boolean reported;

    private Tracked(Item item, Start start, Optional<Job> prior, Optional<JobId> supersedes) {
        this.item = item;
        this.start = start;
        this.prior = prior;
        this.supersedes = supersedes;
        boolean followed = start == Start.ALREADY_DONE || start == Start.FOLLOW;
        this.job = followed ? prior.orElseThrow() : null;
        this.reported = start == Start.ALREADY_DONE;
    }

    static Tracked plan(Item item, Optional<Job> prior, boolean force) {
        Optional<JobId> newest = prior.map(Job::id);
        if (prior.isEmpty() || force) {
            return new Tracked(item, Start.SUBMIT, Optional.empty(), newest);
        }
        Start start = switch (prior.get().status()) {
            case COMPLETED -> Start.ALREADY_DONE;
            case FAILED -> Start.RETRY;
            case CREATED -> Start.PROCESS;
            case CANCELLED -> Start.SUBMIT;
            case QUEUED, RUNNING, AWAITING_REVIEW -> Start.FOLLOW;
        };
        return start == Start.SUBMIT ? new Tracked(item, start, Optional.empty(), newest)
                : new Tracked(item, start, prior, Optional.empty());
    }

    /** A job started elsewhere (by retry or resume) that the run only follows. */
    static Tracked following(Item item, Job job) {
        return new Tracked(item, Start.FOLLOW, Optional.of(job), Optional.empty());
    }

    boolean needsStart() {
        return start == Start.SUBMIT || start == Start.RETRY || start == Start.PROCESS;
    }

    Optional<Job> job() {
        return Optional.ofNullable(job);
    }

    void seen(Job latest) {
        this.job = latest;
    }

    void notStarted(UserError why) {
        this.notStarted = why;
    }

    Optional<UserError> notStartedReason() {
        return Optional.ofNullable(notStarted);
    }

    /** Nothing more will happen to it in this run: finished, paused for review, or never started. */
    boolean settled() {
        return notStarted != null || job != null && !job.processing() && job.status() != JobStatus.CREATED;
    }

    /** True once, the first time the caller asks after the item settled: for one line per finished item. */
    boolean reportOnce() {
        if (reported || !settled()) {
            return false;
        }
        reported = true;
        return true;
    }
}
