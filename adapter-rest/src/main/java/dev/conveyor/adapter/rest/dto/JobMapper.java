package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobView;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.StepRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Formats jobs for the API: whole, or as list entries. */
public final class JobMapper {

    /** Longer texts in an output summary are cut to this many characters. */
    static final int SUMMARY_TEXT = 200;

    private JobMapper() {
    }

    /** A job as a command answers it: its completion time as last written, nothing computed for the moment. */
    public static JobDto toDto(Job job) {
        return toDto(job, null, null, null);
    }

    /** A job as read, with what its progress view shows at the moment of reading. */
    public static JobDto toDto(JobView view) {
        ProgressView progress = view.progress();
        return toDto(view.job().toBuilder().progress(progress.pipelineProgress())
                        .estimatedCompletionAt(progress.estimatedCompletionAt()).build(),
                progress.estimatedRemainingSeconds().orElse(null), progress.statusDetail().orElse(null),
                progress.unit().orElse(null));
    }

    private static JobDto toDto(Job job, Long remaining, String statusDetail, String unit) {
        return new JobDto(job.id().toString(), job.pipeline(), job.status().wireName(), job.progress(),
                job.currentStep().orElse(null), job.processing(), job.error().map(ErrorDto::of).orElse(null),
                Wire.usd(job.costUsd()), Wire.instant(job.estimatedCompletionAt()), remaining, statusDetail, unit,
                job.input().values(),
                options(job.options()), idempotencyKey(job),
                job.steps().stream().map(JobMapper::step).toList(),
                job.reviewItems().stream().map(item -> new JobDto.ReviewItemDto(item.id(), item.confidence(),
                        item.label(), item.requestedBy())).toList(),
                job.reviewDecisions().stream().map(JobMapper::decision).toList(), job.cancelRequested(),
                Wire.instant(job.createdAt()), Wire.instant(job.updatedAt()), Wire.instant(job.startedAt()),
                Wire.instant(job.finishedAt()));
    }

    public static JobSummaryDto toSummary(Job job) {
        return new JobSummaryDto(job.id().toString(), job.pipeline(), job.status().wireName(), job.progress(),
                job.currentStep().orElse(null), job.processing(), job.error().map(ErrorDto::of).orElse(null),
                Wire.usd(job.costUsd()), Wire.instant(job.estimatedCompletionAt()), Wire.instant(job.createdAt()),
                Wire.instant(job.updatedAt()), Wire.instant(job.finishedAt()), idempotencyKey(job));
    }

    /** The key the job was submitted under, or null. */
    private static String idempotencyKey(Job job) {
        return job.idempotency().map(idempotency -> idempotency.key().value()).orElse(null);
    }

    public static JobSummaryDto.Page toPage(JobPage page) {
        return new JobSummaryDto.Page(page.jobs().stream().map(JobMapper::toSummary).toList(),
                page.nextCursor().orElse(null));
    }

    static OptionsDto options(PipelineOptions options) {
        return new OptionsDto(options.startFrom().orElse(null), options.skipReview(), options.forceReprocess(),
                options.autoApproveAbove(), options.notifyOnReview(),
                options.continuePastFailure().stream().sorted().toList());
    }

    private static JobDto.StepDto step(StepRecord step) {
        return new JobDto.StepDto(step.name(), step.status().wireName(), Wire.instant(step.startedAt()),
                Wire.instant(step.completedAt()), step.durationMs().orElse(null), step.attempts(), step.unitsDone(),
                step.unitsTotal(), Wire.usd(step.totalCostUsd()), Wire.usd(step.costUsd()), step.error().map(ErrorDto::of).orElse(null),
                step.warnings(), summary(step.output()));
    }

    private static DecisionDto decision(ReviewDecision decision) {
        return new DecisionDto(decision.itemId(), decision.approved(), decision.comment().orElse(null));
    }

    /** Scalars as they are (long texts cut short); lists and objects by their size, never their content. */
    static Map<String, Object> summary(Payload output) {
        Map<String, Object> summary = new LinkedHashMap<>();
        output.values().forEach((key, value) -> summary.put(key, switch (value) {
            case String text when text.length() > SUMMARY_TEXT -> text.substring(0, SUMMARY_TEXT) + "…";
            case List<?> list -> Map.of("type", "list", "size", list.size());
            case Map<?, ?> map -> Map.of("type", "object", "size", map.size());
            case null, default -> value;
        }));
        return summary;
    }
}
