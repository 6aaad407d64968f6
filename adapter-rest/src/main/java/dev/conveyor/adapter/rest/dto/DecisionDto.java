package dev.conveyor.adapter.rest.dto;

import dev.conveyor.adapter.rest.json.JsonRequest;

/** A review decision, as given on resume and as shown on the job. */
public record DecisionDto(String itemId, Boolean approved, String comment) implements JsonRequest {
}
