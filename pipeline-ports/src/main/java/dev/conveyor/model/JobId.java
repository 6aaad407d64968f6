package dev.conveyor.model;

import java.util.Objects;
import java.util.UUID;

/** The identity of a job: a random UUID, unique across tenants. */
public record JobId(UUID value) {

    public JobId {
        Objects.requireNonNull(value, "job id must not be null");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses a job id, or says which text was not one. */
    public static JobId parse(String text) {
        try {
            return new JobId(UUID.fromString(Objects.requireNonNull(text, "job id must not be null")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job id must be a UUID, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
