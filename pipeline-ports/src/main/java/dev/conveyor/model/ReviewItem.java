package dev.conveyor.model;

import java.util.Objects;

/**
 * Something a step is unsure of and asks a human to check, with its confidence in [0, 1]. At a review
 * gate, items at or above the job's {@code autoApproveAbove} approve themselves.
 */
public record ReviewItem(String id, double confidence, String label, String requestedBy) {

    public ReviewItem {
        Objects.requireNonNull(id, "review item id must not be null");
        Objects.requireNonNull(label, "review item label must not be null");
        Objects.requireNonNull(requestedBy, "review item requestedBy must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("review item id must not be blank");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("review item confidence must be in [0, 1], got " + confidence);
        }
    }
}
