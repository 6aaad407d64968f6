package dev.conveyor.adapter.rest.dto;

import dev.conveyor.adapter.rest.json.JsonRequest;

import java.util.List;

/** The body of {@code POST /jobs/{id}/resume}: one decision per open review item. */
public record ResumeRequest(List<DecisionDto> decisions) implements JsonRequest {
}
