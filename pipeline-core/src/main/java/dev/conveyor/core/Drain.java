package dev.conveyor.core;

import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.JobRunner;
import dev.conveyor.model.Job;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Runs queued jobs one by one on the calling thread, until the queue is empty. */
final class Drain {

    private final JobStore store;
    private final Pipelines pipelines;
    private final JobRunner runner;
    private final WorkerId worker;
    private final Duration leaseLength;
    private final Clock clock;

    Drain(JobStore store, Pipelines pipelines, JobRunner runner, WorkerId worker, Duration leaseLength, Clock clock) {
        this.store = store;
        this.pipelines = pipelines;
        this.runner = runner;
        this.worker = worker;
        this.leaseLength = leaseLength;
        this.clock = clock;
    }

    int run() {
        int ran = 0;
        while (true) {
            List<Job> claimed = store.claim(worker, pipelines.names(), 1, clock.instant(), leaseLength);
            if (claimed.isEmpty()) {
                return ran;
            }
            Job job = claimed.getFirst();
            runner.run(job, pipelines.find(job.pipeline()).orElseThrow());
            ran++;
        }
    }
}
