package dev.conveyor.adapter.rest.dto;

import java.util.List;
import java.util.Map;

/**
 * A registered pipeline: its steps in order, with their weights and estimates, and how far its recent ETAs could
 * be trusted.
 */
public record PipelineDto(String name, int totalWeight, List<StepDefinitionDto> steps, EtaAccuracyDto etaAccuracy) {

    /**
     * The mean absolute percentage error of the remaining time recent completed runs showed at 25, 50 and 75 % of
     * their actual duration.
     *
     * @param samples       the completed runs judged
     * @param mapePercentAt by checkpoint ({@code "25"}, {@code "50"}, {@code "75"}), the error in percent; empty
     *                      until a run is judged
     */
    public record EtaAccuracyDto(long samples, Map<String, Double> mapePercentAt) {
    }

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
