package dev.conveyor.bench;

import dev.conveyor.core.eta.UnitPaces;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Replays a {@link JobTrace} through a pipeline in virtual time, as an engine would write the job: steps start
 * and complete one after another, per-unit steps report their units as each file or item finishes (unless the
 * trace makes them silent), the review gate is skipped. Every stored state, and every step completion, is told to a {@link Listener}.
 */
final class TraceReplay {

    static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    private static final TenantId TENANT = TenantId.of("study");

    /** What happens to one job, in time order. */
    interface Listener {
        /** A step completed; told before the job is written, as the engine learns the step's timing then. */
        void stepCompleted(StepDefinition step, StepRecord record, Job job);

        /** The job as the store holds it from {@code at} on. */
        void state(Job job, Instant at);
    }

    private TraceReplay() {
    }

    /**
     * Replays one job; each units report and each step's end keep the step's {@link UnitPaces unit pace} as the
     * engine does, against the timings {@code learned} so far.
     */
    static void replay(PipelineDefinition pipeline, JobTrace trace, int index, Map<String, StepTiming> learned,
                       Listener listener) {
        Payload input = Payload.of("files", trace.files(), "items", trace.items());
        Job job = Job.create(new JobId(new UUID(0L, index)), TENANT, pipeline.name(), pipeline.stepNames(), input,
                        PipelineOptions.defaults().withSkipReview(true), START)
                .toBuilder().status(JobStatus.RUNNING).processing(true).startedAt(Optional.of(START)).build();
        listener.state(job, START);
        double t = 0.0;
        for (int i = 0; i < pipeline.steps().size(); i++) {
            StepDefinition step = pipeline.steps().get(i);
            if (step.isReviewGate()) {
                job = job.toBuilder().step(i, job.steps().get(i).skip()).build();
                listener.state(job, at(t));
                continue;
            }
            double[] units = trace.unitSecondsOf(step.name());
            long total = step.estimate() instanceof Estimate.PerUnit && !trace.silent().contains(step.name())
                    ? units.length : 0;
            StepRecord record = job.steps().get(i).start(at(t)).withUnits(0, total);
            job = job.toBuilder().step(i, record).currentStep(Optional.of(step.name())).build();
            listener.state(job, at(t));
            for (int done = 1; done <= units.length; done++) {
                t += units[done - 1];
                if (done < units.length && total > 0) {
                    record = record.withUnits(done, total)
                            .withUnitPace(UnitPaces.reported(record, step, learned, done, at(t)));
                    job = job.toBuilder().step(i, record).build();
                    listener.state(job, at(t));
                }
            }
            record = record.withUnitPace(UnitPaces.reported(record, step, learned, total, at(t)))
                    .complete(at(t), Payload.empty(), List.of(), total, total, 0.0);
            listener.stepCompleted(step, record, job);
            job = job.toBuilder().step(i, record).build();
            if (i == pipeline.steps().size() - 1) {
                job = job.toBuilder().status(JobStatus.COMPLETED).processing(false)
                        .finishedAt(Optional.of(at(t))).build();
            }
            listener.state(job, at(t));
        }
    }

    static Instant at(double seconds) {
        return START.plusNanos(Math.round(seconds * 1e9));
    }
}
