package dev.conveyor.adapter.rest.dto;

import java.util.List;

/** A registered pipeline: its steps in order, with their weights and estimates. */
public record PipelineDto(String name, int totalWeight, List<StepDefinitionDto> steps) {

    /**
     * One step's definition.
     *
     * @param estimate {@code {"type": "fixed", "seconds": 1.0}}, {@code {"type": "per_unit", "seconds": 5.0,
     *                 "per": 1, "units_key": "files"}} or {@code {"type": "unknown"}}
     */
    public record StepDefinitionDto(String name, String kind, int weight, EstimateDto estimate, int maxAttempts,
                                    Long timeoutSeconds, boolean continuePastFailure, String runningLabel) {
    }

    public record EstimateDto(String type, Double seconds, Long per, String unitsKey) {
    }
}
