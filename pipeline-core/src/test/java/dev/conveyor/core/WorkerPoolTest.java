package dev.conveyor.core;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Background workers drain the queue: every job runs, each step exactly once. */
class WorkerPoolTest {

    @Test
    void fourWorkerThreadsRunFiveHundredJobsEachStepExactlyOnce() throws Exception {
        Map<String, AtomicInteger> stepRuns = new ConcurrentHashMap<>();
        PipelineDefinition pipeline = PipelineDefinition.named("noop")
                .step("a", ctx -> count(stepRuns, ctx.jobId() + "/a"))
                .step("b", ctx -> count(stepRuns, ctx.jobId() + "/b"))
                .step("c", ctx -> count(stepRuns, ctx.jobId() + "/c"))
                .build();
        TenantId tenant = TenantId.of("acme");
        try (Conveyor conveyor = Conveyor.builder().pipeline(pipeline).workers(4).start()) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                jobs.add(conveyor.submit(SubmitJob.startNow(tenant, "noop", Payload.of("n", i))).orElseThrow());
            }
            for (Job job : jobs) {
                Job done = conveyor.await(tenant, job.id(), Duration.ofSeconds(30)).orElseThrow();
                assertEquals(JobStatus.COMPLETED, done.status());
            }
        }
        assertEquals(1500, stepRuns.size());
        stepRuns.forEach((step, runs) -> assertEquals(1, runs.get(), step));
    }

    private static void count(Map<String, AtomicInteger> runs, String key) {
        runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
