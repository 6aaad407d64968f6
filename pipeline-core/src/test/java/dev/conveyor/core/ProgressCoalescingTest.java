package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.ProgressView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steps report progress as often as they like; the store sees at most one write per flush interval. */
class ProgressCoalescingTest {

    @Test
    void aMillionProgressReportsBecomeOneWritePerFlushThatHadSomethingNew() {
        List<ProgressView> polls = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    for (int unit = 1; unit <= 1_000_000; unit++) {
                        ctx.progress(unit, 1_000_000);
                        if (unit % 250_000 == 0) {
                            clock.advance(Duration.ofMillis(250));
                            self[0].conveyor.maintenance().flushProgress();
                            self[0].conveyor.maintenance().flushProgress();
                            polls.add(self[0].progress(ctx.jobId()));
                        }
                    }
                })
                .build());
        try (Harness h = self[0]) {
            Job job = h.submit("documents", Payload.of("files", 1, "items", 20));

            h.drain();

            List<ProgressUpdate> writes = h.store.progressWrites();
            assertEquals(4, writes.size(), "four ticks with news, the second flush of each tick had none");
            assertEquals(List.of(31, 37, 43, 50), polls.stream().map(ProgressView::pipelineProgress).toList());
            assertEquals(List.of(250_000L, 500_000L, 750_000L, 1_000_000L),
                    writes.stream().map(ProgressUpdate::unitsDone).toList());
            assertTrue(polls.stream().allMatch(p -> p.estimatedRemainingSeconds().isPresent()));
            assertEquals(100, h.job(job.id()).progress());
        }
    }

    @Test
    void nothingIsWrittenForAStepThatReportsNothing() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            h.submit("documents", Payload.of("files", 1));
            h.conveyor.maintenance().flushProgress();

            h.drain();

            assertEquals(0, h.store.progressWrites().size());
        }
    }

    @Test
    void costReportedDuringAStepIsVisibleBeforeItEnds() {
        List<Double> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    ctx.addCost(0.002);
                    self[0].conveyor.maintenance().flushProgress();
                    seen.add(self[0].progress(ctx.jobId()).costSoFarUsd());
                    ctx.addCost(0.001);
                })
                .build());
        try (Harness h = self[0]) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(List.of(0.002), seen);
            assertEquals(0.003, h.job(job.id()).costUsd(), 1e-12);
        }
    }
}
