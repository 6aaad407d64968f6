package dev.conveyor.adapter.rest.dto;

import dev.conveyor.port.in.SubmitJob;

import java.util.Objects;

/** One job of a batch request as read: a command to submit, or the error its body alone earns. */
public sealed interface BatchItem {

    record Valid(SubmitJob command) implements BatchItem {
        public Valid {
            Objects.requireNonNull(command, "command must not be null");
        }
    }

    record Invalid(ErrorDto error) implements BatchItem {
        public Invalid {
            Objects.requireNonNull(error, "error must not be null");
        }
    }
}
