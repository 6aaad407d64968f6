package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.MutableClock;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepContext;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ETA accuracy as a figure, on the fake clock: a pipeline of {@code prepare} (1 s) and {@code generate} (expected
 * 1.5 s, no unit reports) whose {@code generate} takes 3 s, so the run lasts 4 s and its checkpoints fall at 1, 2
 * and 3 s. The worker's progress tick runs every 100 ms, and a poll reads the completion time at each tick.
 */
class EtaAccuracyTest {

    private static final Duration TICK = Duration.ofMillis(100);

    @Test
    void aCompletedRunRecordsTheErrorOfTheEtaItShowedAt25And50And75PercentOfItsDuration() {
        Map<Instant, Instant> shown = new ConcurrentHashMap<>();
        InMemoryStepTimings timings = new InMemoryStepTimings();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(clock -> overrun(clock, context -> {
            Harness h = self[0];
            h.conveyor.maintenance().flushProgress();
            shown.put(h.clock.instant(), h.progress(context.jobId()).estimatedCompletionAt().orElseThrow());
        }), b -> b.timings(timings));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            Instant end = done.finishedAt().orElseThrow();
            assertEquals(Harness.T0.plusSeconds(4), end);
            EtaAccuracy accuracy = h.conveyor.etaAccuracy("plan");
            assertEquals(1, accuracy.samples());
            // generate reports no units, so the rows the worker noted are the ones a poll read: the errors are exact
            for (int checkpoint : EtaAccuracy.CHECKPOINTS) {
                Instant at = Harness.T0.plusMillis(40L * checkpoint);
                assertEquals(error(at, shown, end), accuracy.meanErrorPercentAt(checkpoint).orElseThrow(), 1e-9,
                        "at " + checkpoint + " %");
            }
            assertEquals(50.0, accuracy.meanErrorPercentAt(25).orElseThrow(), 10.0,
                    "at 1 s, 1.5 s or so expected of the 3 s left");
            assertEquals(EtaAccuracy.NONE, timings.accuracy("plan"), "nothing written before the timings are saved");

            h.conveyor.maintenance().saveTimings();

            assertEquals(accuracy, timings.accuracy("plan"));
            assertEquals(accuracy, h.conveyor.etaAccuracy("plan"));
        }
    }

    @Test
    void eachCompletedRunAddsASampleAndAFailedRunNone() {
        boolean[] failNext = {false};
        Harness[] self = new Harness[1];
        self[0] = Harness.of(clock -> overrun(clock, context -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw StepException.permanent("boom", "generate broke");
            }
            self[0].conveyor.maintenance().flushProgress();
        }));
        try (Harness h = self[0]) {
            h.submit("plan", Payload.of("document", "a.pdf"));
            h.drain();
            EtaAccuracy first = h.conveyor.etaAccuracy("plan");
            failNext[0] = true;
            Job failed = h.submit("plan", Payload.of("document", "b.pdf"));
            h.drain();
            assertEquals(JobStatus.FAILED, h.job(failed.id()).status());
            assertEquals(first, h.conveyor.etaAccuracy("plan"), "a failed run is not judged");

            h.submit("plan", Payload.of("document", "c.pdf"));
            h.drain();

            EtaAccuracy second = h.conveyor.etaAccuracy("plan");
            assertEquals(2, second.samples());
            // the second run learned from the first: 3 s is nearer what it expected, so its errors are smaller
            for (int checkpoint : EtaAccuracy.CHECKPOINTS) {
                assertTrue(second.meanErrorPercentAt(checkpoint).orElseThrow()
                        < first.meanErrorPercentAt(checkpoint).orElseThrow(), "at " + checkpoint + " %");
            }
        }
    }

    @Test
    void anUnknownPipelineHasNoAccuracyToShow() {
        try (Harness h = Harness.of(clock -> overrun(clock, context -> { }))) {
            assertEquals(EtaAccuracy.NONE, h.conveyor.etaAccuracy("plan"));
            assertThrows(IllegalArgumentException.class, () -> h.conveyor.etaAccuracy("nope"));
        }
    }

    @Test
    void theMeanIsPlainForTheFirstTenRunsThenDecayedAndBadErrorsAreRefused() {
        EtaAccuracy accuracy = EtaAccuracy.NONE;
        for (int run = 0; run < 10; run++) {
            accuracy = accuracy.with(List.of(run % 2 == 0 ? 10.0 : 30.0, 20.0, 0.0));
        }
        assertEquals(List.of(20.0, 20.0, 0.0), accuracy.meanErrorsPercent().stream()
                .map(error -> Math.round(error * 1e9) / 1e9).toList());

        EtaAccuracy eleventh = accuracy.with(List.of(120.0, 20.0, 0.0));

        assertEquals(11, eleventh.samples());
        assertEquals(30.0, eleventh.meanErrorPercentAt(25).orElseThrow(), 1e-9, "a tenth of the way to 120");
        assertThrows(IllegalArgumentException.class, () -> EtaAccuracy.NONE.with(List.of(10.0, 20.0)));
        assertThrows(IllegalArgumentException.class, () -> EtaAccuracy.NONE.with(List.of(10.0, -1.0, 5.0)));
        assertThrows(IllegalArgumentException.class, () -> EtaAccuracy.NONE.with(List.of(10.0, Double.NaN, 5.0)));
        assertThrows(IllegalArgumentException.class, () -> eleventh.meanErrorPercentAt(30));
    }

    /** The absolute percentage error of the remaining time read at {@code at}, for a run ending at {@code end}. */
    private static double error(Instant at, Map<Instant, Instant> shown, Instant end) {
        double predicted = Duration.between(at, shown.get(at)).toMillis();
        double actual = Duration.between(at, end).toMillis();
        return 100.0 * Math.abs(predicted - actual) / actual;
    }

    /** {@code generate} takes 3 s in ticks of 100 ms, calling {@code eachTick} after each. */
    private static PipelineDefinition overrun(MutableClock clock, Tick eachTick) {
        return PipelineDefinition.named("plan")
                .step("prepare", 50, Estimate.fixed(Duration.ofSeconds(1)),
                        context -> clock.advance(Duration.ofSeconds(1)))
                .step("generate", 50, Estimate.fixed(Duration.ofMillis(1500)), context -> {
                    eachTick.run(context);
                    for (int tick = 0; tick < 30; tick++) {
                        clock.advance(TICK);
                        eachTick.run(context);
                    }
                })
                .build();
    }

    @FunctionalInterface
    private interface Tick {
        void run(StepContext context);
    }
}
