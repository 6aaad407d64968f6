package dev.conveyor.model;

import java.util.Objects;
import java.util.UUID;

/** The identity of one worker (a thread pool in one process) that holds leases on jobs. */
public record WorkerId(String value) {

    public WorkerId {
        Objects.requireNonNull(value, "worker id must not be null");
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException("worker id must be 1-128 characters, got '" + value + "'");
        }
    }

    /** A fresh id naming the host it runs on, so an operator can tell workers apart. */
    public static WorkerId random(String prefix) {
        return new WorkerId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
