package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Formats pipeline definitions for {@code GET /pipelines}. */
public final class PipelineMapper {

    private PipelineMapper() {
    }

    public static PipelineDto toDto(PipelineDefinition pipeline, EtaAccuracy accuracy) {
        return new PipelineDto(pipeline.name(), pipeline.totalWeight(),
                pipeline.steps().stream().map(PipelineMapper::step).toList(), accuracy(accuracy));
    }

    private static PipelineDto.EtaAccuracyDto accuracy(EtaAccuracy accuracy) {
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int checkpoint : EtaAccuracy.CHECKPOINTS) {
            accuracy.meanErrorPercentAt(checkpoint)
                    .ifPresent(error -> errors.put(Integer.toString(checkpoint), Math.round(error * 10.0) / 10.0));
        }
        return new PipelineDto.EtaAccuracyDto(accuracy.samples(), errors);
    }

    private static PipelineDto.StepDefinitionDto step(StepDefinition step) {
        return new PipelineDto.StepDefinitionDto(step.name(), step.kind().name().toLowerCase(Locale.ROOT),
                step.weight(), estimate(step.estimate()), step.retry().maxAttempts(),
                step.timeout().map(Duration::toSeconds).orElse(null), step.continuePastFailure(), step.runningLabel());
    }

    private static PipelineDto.EstimateDto estimate(Estimate estimate) {
        return switch (estimate) {
            case Estimate.Fixed fixed -> new PipelineDto.EstimateDto("fixed", seconds(fixed.duration()), null, null);
            case Estimate.PerUnit perUnit -> new PipelineDto.EstimateDto("per_unit", seconds(perUnit.time()),
                    perUnit.per(), perUnit.unitsKey());
            case Estimate.Unknown unknown -> new PipelineDto.EstimateDto("unknown", null, null, null);
        };
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
