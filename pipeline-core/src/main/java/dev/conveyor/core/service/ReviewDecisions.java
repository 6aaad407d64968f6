package dev.conveyor.core.service;

import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks that resume decisions decide every open review item exactly once, and nothing else. */
final class ReviewDecisions {

    private ReviewDecisions() {
    }

    /** @return what is wrong with the decisions, in words for the user; empty when they are fine */
    static Optional<String> check(List<ReviewItem> open, List<ReviewDecision> decisions) {
        Set<String> openIds = new LinkedHashSet<>();
        open.forEach(item -> openIds.add(item.id()));
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (ReviewDecision decision : decisions) {
            if (!seen.add(decision.itemId())) {
                duplicated.add(decision.itemId());
            }
            if (!openIds.contains(decision.itemId())) {
                unknown.add(decision.itemId());
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of("Decisions name review items that are not open: " + String.join(", ", unknown)
                    + ". Open items: " + String.join(", ", openIds) + ".");
        }
        if (!duplicated.isEmpty()) {
            return Optional.of("Each review item takes one decision; these have several: "
                    + String.join(", ", duplicated) + ".");
        }
        Set<String> missing = new LinkedHashSet<>(openIds);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            return Optional.of("Every open review item needs a decision; missing: " + String.join(", ", missing)
                    + ".");
        }
        return Optional.empty();
    }
}
