package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.MutableClock;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.StepRecord;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a poll says when reality departs from the plan, on the fake clock: a pipeline of {@code prepare} (1 s) and
 * {@code generate} (1.5 s, no unit reports), each half of the bar.
 */
class TruthfulProgressTest {

    private static final double EPS = 1e-9;

    @Test
    void anOverrunningStepNeverReadsZeroAndPastItsUsualTimeIsGivenMoreAndSaidToBeLate() {
        List<ProgressView> polls = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        Harness[] self = new Harness[1];
        // generate takes 6 s instead of 1.5 s; a poll every half second while it runs
        self[0] = Harness.of(twoSteps(clock -> context -> {
            for (int tick = 0; tick < 12; tick++) {
                clock.advance(Duration.ofMillis(500));
                polls.add(self[0].progress(context.jobId()));
                at.add(clock.instant());
            }
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            for (int i = 0; i < polls.size(); i++) {
                ProgressView poll = polls.get(i);
                double remaining = poll.estimatedRemainingSeconds().orElseThrow();
                assertTrue(remaining >= 1, "never 0 while generate works, poll " + i + ": " + remaining);
                Instant completion = poll.estimatedCompletionAt().orElseThrow();
                assertTrue(completion.isAfter(at.get(i)), "the completion is still ahead at poll " + i);
                assertEquals(Math.ceil(Duration.between(at.get(i), completion).toMillis() / 1000.0), remaining, 1.0);
            }
            // past its usual 1.5 s (the third poll), the completion moves later at every poll
            for (int i = 3; i < polls.size(); i++) {
                assertTrue(polls.get(i).estimatedCompletionAt().orElseThrow()
                        .isAfter(polls.get(i - 1).estimatedCompletionAt().orElseThrow()), "poll " + i);
            }
            assertEquals(Optional.empty(), polls.get(1).statusDetail(), "at its usual time it is not late");
            assertEquals(Optional.of(ProgressView.LONGER_THAN_USUAL), polls.get(11).statusDetail());
            assertEquals(Optional.empty(), h.progress(job.id()).statusDetail());
            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
        }
    }

    @Test
    void aStepWithoutUnitsMovesItsBandWithTimeCappedBelowItsEndAndNeverBack() {
        List<Integer> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            for (int tick = 0; tick < 10; tick++) {
                clock.advance(Duration.ofMillis(300));
                seen.add(self[0].progress(context.jobId()).pipelineProgress());
            }
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            // 50 % for prepare, then generate's half moves with its time past the first second over 1.5 s, up to
            // 90 % of it
            assertEquals(List.of(50, 50, 50, 56, 66, 76, 86, 95, 95, 95), seen);
            assertEquals(100, h.progress(job.id()).pipelineProgress());
        }
    }

    @Test
    void unitReportsTakeOverFromTimeWithoutMovingTheBarBack() {
        List<Integer> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            clock.advance(Duration.ofMillis(900));   // time counts from the first second: the bar reads 50
            seen.add(self[0].progress(context.jobId()).pipelineProgress());
            context.progress(1, 10);                 // units say 10 %; the write keeps all 900 ms, 60 % of 1.5 s
            self[0].conveyor.maintenance().flushProgress();
            seen.add(self[0].progress(context.jobId()).pipelineProgress());
            clock.advance(Duration.ofSeconds(5));    // time alone no longer moves it
            seen.add(self[0].progress(context.jobId()).pipelineProgress());
            context.progress(8, 10);                 // units go past what time showed
            self[0].conveyor.maintenance().flushProgress();
            seen.add(self[0].progress(context.jobId()).pipelineProgress());
        }));
        try (Harness h = self[0]) {
            h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            assertEquals(List.of(50, 80, 80, 90), seen);
        }
    }

    @Test
    void costIsSpendAcrossAFailedRunAndItsRetry() {
        int[] runs = {0};
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            clock.advance(Duration.ofMillis(500));
            context.addCost(runs[0] == 0 ? 0.50 : 0.25);
            if (runs[0]++ == 0) {
                throw StepException.permanent("model_refused", "The model refused the document.");
            }
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));
            h.drain();
            Job failed = h.job(job.id());
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(0.50, failed.costUsd(), EPS);
            int failedAt = h.progress(job.id()).pipelineProgress();

            Job retried = h.conveyor.retry(Harness.ACME, job.id()).orElseThrow();
            assertEquals(0.50, retried.costUsd(), EPS, "the failed run's spend stays");
            assertTrue(retried.progress() >= failedAt, "a retry does not move the bar back");
            h.drain();

            Job done = h.job(job.id());
            StepRecord generate = done.step("generate").orElseThrow();
            assertEquals(0.75, done.costUsd(), EPS);
            assertEquals(0.75, generate.totalCostUsd(), EPS);
            assertEquals(0.25, generate.costUsd(), EPS, "the last run");
            assertEquals(0.75, h.progress(job.id()).costSoFarUsd(), EPS);
            AuditEvent complete = h.audit.stream().filter(e -> e.type().equals("pipeline_complete")).findFirst()
                    .orElseThrow();
            assertEquals(0.75, ((Number) complete.details().get("cost_usd").orElseThrow()).doubleValue(), EPS);
        }
    }

    @Test
    void theProgressViewCarriesEachStepsUnitsAndTheRunningStepsUnitName() {
        List<ProgressView> polls = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(clock -> PipelineDefinition.named("plan")
                .step("prepare", 50, Estimate.fixed(Duration.ofSeconds(1)), context -> {
                    context.progress(2, 2);
                    clock.advance(Duration.ofSeconds(1));
                })
                .step("translate", 50, Estimate.perUnit(Duration.ofSeconds(1), 1, "blocks"), context -> {
                    context.progress(45, 100);
                    clock.advance(Duration.ofSeconds(1));
                    self[0].conveyor.maintenance().flushProgress();
                    polls.add(self[0].progress(context.jobId()));
                })
                .build());
        try (Harness h = self[0]) {
            h.submit("plan", Payload.of("blocks", 100));

            h.drain();

            ProgressView poll = polls.getFirst();
            assertEquals(Optional.of("blocks"), poll.unit());
            ProgressView.StepView prepare = poll.steps().get(0);
            ProgressView.StepView translate = poll.steps().get(1);
            assertEquals(Optional.of(2L), prepare.unitsDone());
            assertEquals(Optional.of(2L), prepare.unitsTotal());
            assertEquals(Optional.of(45L), translate.unitsDone());
            assertEquals(Optional.of(100L), translate.unitsTotal());
        }
    }

    @Test
    void aSilentStepFarPastItsUsualTimeIsToldStalledOnceAndShownSo() {
        List<Integer> told = new ArrayList<>();
        List<ProgressView> polls = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            clock.advance(Duration.ofSeconds(3));    // past its usual 1.5 s, not stalled
            told.add(self[0].conveyor.maintenance().watchStalls());
            polls.add(self[0].progress(context.jobId()));
            clock.advance(Duration.ofSeconds(20));   // three times its usual longest, and more
            told.add(self[0].conveyor.maintenance().watchStalls());
            told.add(self[0].conveyor.maintenance().watchStalls());
            polls.add(self[0].progress(context.jobId()));
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            assertEquals(List.of(0, 1, 0), told, "told once");
            assertEquals(Optional.of(ProgressView.LONGER_THAN_USUAL), polls.get(0).statusDetail());
            assertEquals(Optional.of(ProgressView.STALLED), polls.get(1).statusDetail());
            assertEquals(1, h.auditTypes().stream().filter("pipeline_generate_stalled"::equals).count());
            assertEquals(List.of("generate"), h.notifications.stream()
                    .filter(n -> n instanceof Notification.Stalled).map(n -> ((Notification.Stalled) n).step()).toList());
            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status(), "a stalled step that finishes is no failure");
        }
    }

    @Test
    void aSilentStepPastHalfItsPipelinesDefaultTimeoutIsStalledEvenWithinItsUsualTime() {
        List<ProgressView> polls = new ArrayList<>();
        Harness[] self = new Harness[1];
        // the timeout never fires here: its wait lasts until the step returns and the watchdog is called off
        Sleeper timeoutWaits = duration -> new CountDownLatch(1).await();
        self[0] = Harness.of(clock -> PipelineDefinition.named("plan").defaultStepTimeout(Duration.ofSeconds(10))
                .step("render", 100, Estimate.fixed(Duration.ofMinutes(1)), context -> {
                    clock.advance(Duration.ofSeconds(4));
                    polls.add(self[0].progress(context.jobId()));
                    clock.advance(Duration.ofSeconds(2));
                    self[0].conveyor.maintenance().watchStalls();
                    polls.add(self[0].progress(context.jobId()));
                })
                .build(), builder -> builder.sleeper(timeoutWaits));
        try (Harness h = self[0]) {
            h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            assertEquals(Optional.of(Duration.ofSeconds(10)), h.conveyor.pipelines().getFirst().steps().getFirst().timeout());
            assertEquals(Optional.empty(), polls.get(0).statusDetail());
            assertEquals(Optional.of(ProgressView.STALLED), polls.get(1).statusDetail());
            assertEquals(1, h.auditTypes().stream().filter("pipeline_render_stalled"::equals).count());
        }
    }

    /** prepare takes 1 s as expected; generate, expected to take 1.5 s, does what {@code generate} says. */
    private static Function<MutableClock, PipelineDefinition> twoSteps(Function<MutableClock, Step> generate) {
        return clock -> PipelineDefinition.named("plan")
                .step("prepare", 50, Estimate.fixed(Duration.ofSeconds(1)),
                        context -> clock.advance(Duration.ofSeconds(1)))
                .step("generate", 50, Estimate.fixed(Duration.ofMillis(1500)), generate.apply(clock))
                .build();
    }
}
