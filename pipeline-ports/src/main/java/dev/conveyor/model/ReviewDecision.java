package dev.conveyor.model;

import java.util.Objects;
import java.util.Optional;

/** A human's verdict on one review item, given when resuming a job paused at a review gate. */
public record ReviewDecision(String itemId, boolean approved, Optional<String> comment) {

    public ReviewDecision {
        Objects.requireNonNull(itemId, "decision itemId must not be null");
        Objects.requireNonNull(comment, "decision comment must not be null (use Optional.empty())");
    }

    public static ReviewDecision approve(String itemId) {
        return new ReviewDecision(itemId, true, Optional.empty());
    }

    public static ReviewDecision reject(String itemId, String comment) {
        return new ReviewDecision(itemId, false, Optional.of(comment));
    }
}
