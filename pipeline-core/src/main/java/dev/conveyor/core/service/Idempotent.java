package dev.conveyor.core.service;

import dev.conveyor.model.Idempotency;
import dev.conveyor.model.Job;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection.Reason;
import dev.conveyor.port.in.Submitted;

/** What an idempotent submit answers, given the job it would add and the job the store holds for it. */
final class Idempotent {

    private Idempotent() {
    }

    /**
     * Created when the store added {@code job} itself; replayed when it holds another job under the same key for
     * the same request; refused when that job was submitted for a different request.
     */
    static Outcome<Submitted> outcome(Job job, Job stored) {
        if (stored.id().equals(job.id())) {
            return Outcome.accepted(new Submitted(stored, false));
        }
        Idempotency asked = job.idempotency().orElseThrow(() -> new IllegalStateException(
                "the store answered job " + stored.id() + " for job " + job.id() + ", which has no idempotency key"));
        if (stored.idempotency().map(Idempotency::fingerprint).filter(asked.fingerprint()::equals).isPresent()) {
            return Outcome.accepted(new Submitted(stored, true));
        }
        return Outcome.rejected(Reason.IDEMPOTENCY_CONFLICT, "Idempotency key '" + asked.key() + "' was used for "
                + "a different request (job " + stored.id() + ", pipeline '" + stored.pipeline() + "'): the same key "
                + "must come with the same pipeline, input, options and start. Use a new key for a new request.");
    }
}
