package dev.conveyor.port.in;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;

import java.util.List;

/** The commands on jobs. Each is refused with a {@link Rejection} rather than an exception. */
public interface ManageJobs {

    /**
     * Creates a job, and starts it if the command says so. With an idempotency key it is idempotent: see
     * {@link #submitOrReplay(SubmitJob)}, whose job this answers.
     */
    default Outcome<Job> submit(SubmitJob command) {
        return submitOrReplay(command).map(Submitted::job);
    }

    /**
     * Creates many jobs at once, as {@link #submit} does each: one outcome per command, in the same order. A
     * command {@code submit} would refuse is refused alone, with the same reason and message; the others are
     * stored together, which on a shared store costs about what storing one job does.
     */
    default List<Outcome<Job>> submitAll(List<SubmitJob> commands) {
        return submitAllOrReplay(commands).stream().map(outcome -> outcome.map(Submitted::job)).toList();
    }

    /**
     * Creates a job, and starts it if the command says so; or, when the command carries an idempotency key the
     * tenant already has a job under, answers that job ({@link Submitted#replayed()}) if the request is the same
     * ({@link SubmitJob#fingerprint()}) and refuses it with {@link Rejection.Reason#IDEMPOTENCY_CONFLICT} if not.
     * Of many racing submits with one key, exactly one creates the job.
     */
    Outcome<Submitted> submitOrReplay(SubmitJob command);

    /**
     * {@link #submitAll(List)} with each command's idempotency key honoured as {@link #submitOrReplay} does; two
     * commands of one call with the same key are one submission (the second gets the first's job, or the conflict).
     */
    List<Outcome<Submitted>> submitAllOrReplay(List<SubmitJob> commands);

    /** Starts a created job in the background; refused if it is already processing. */
    Outcome<Started> process(TenantId tenant, JobId id);

    /** Resumes a failed job from its failed step, keeping every completed step's results. */
    Outcome<Job> retry(TenantId tenant, JobId id);

    /** Continues a job paused at a review gate, applying the decisions; every open item needs one. */
    Outcome<Job> resume(TenantId tenant, JobId id, List<ReviewDecision> decisions);

    /** Stops a job: at once if no worker runs it, else co-operatively at its step's next checkpoint. */
    Outcome<Job> cancel(TenantId tenant, JobId id);
}
