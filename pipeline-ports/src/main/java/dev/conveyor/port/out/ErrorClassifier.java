package dev.conveyor.port.out;

import dev.conveyor.model.UserError;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Decides whether a step's failure is worth retrying, and what the user is told about it. */
@FunctionalInterface
public interface ErrorClassifier {

    Classification classify(Throwable failure);

    /** A failure's category and the user-facing error it becomes. */
    sealed interface Classification {
        UserError userError();
    }

    /** Retry, not before {@code retryAfter} when the failure says so. */
    record Transient(UserError userError, Optional<Duration> retryAfter) implements Classification {
        public Transient {
            Objects.requireNonNull(userError, "userError must not be null");
            Objects.requireNonNull(retryAfter, "retryAfter must not be null");
        }
    }

    /** Stop at this step and report. */
    record Permanent(UserError userError) implements Classification {
        public Permanent {
            Objects.requireNonNull(userError, "userError must not be null");
        }
    }
}
