package dev.conveyor.model;

import java.util.Objects;

/**
 * A whole job and its progress view, read together at one moment: what a page showing a job's details and how
 * it stands polls for.
 */
public record JobView(Job job, ProgressView progress) {

    public JobView {
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(progress, "progress must not be null");
    }
}
