package dev.conveyor.model;

import java.util.List;
import java.util.Objects;

/** What people are told: a job needs their review, or its result is ready, or it failed, or a step stalled. */
public sealed interface Notification {

    Job job();

    record ReviewNeeded(Job job, List<ReviewItem> items) implements Notification {
        public ReviewNeeded {
            Objects.requireNonNull(job, "job must not be null");
            items = List.copyOf(items);
        }
    }

    record Ready(Job job) implements Notification {
        public Ready {
            Objects.requireNonNull(job, "job must not be null");
        }
    }

    /**
     * A step has reported nothing for far longer than it usually takes, or for half its timeout: told once per
     * run of the step; the job goes on (the step may yet finish, or its timeout stop it).
     */
    record Stalled(Job job, String step) implements Notification {
        public Stalled {
            Objects.requireNonNull(job, "job must not be null");
            Objects.requireNonNull(step, "step must not be null");
        }
    }

    record Failed(Job job, UserError error) implements Notification {
        public Failed {
            Objects.requireNonNull(job, "job must not be null");
            Objects.requireNonNull(error, "error must not be null");
        }
    }
}
