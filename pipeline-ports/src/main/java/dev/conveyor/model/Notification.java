package dev.conveyor.model;

import java.util.List;
import java.util.Objects;

/** What people are told: a job needs their review, or its result is ready, or it failed. */
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

    record Failed(Job job, UserError error) implements Notification {
        public Failed {
            Objects.requireNonNull(job, "job must not be null");
            Objects.requireNonNull(error, "error must not be null");
        }
    }
}
