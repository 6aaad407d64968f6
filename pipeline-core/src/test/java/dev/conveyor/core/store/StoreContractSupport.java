package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What every part of the store contract shares: a fresh, empty store per test and short ways to use it. */
abstract class StoreContractSupport {

    protected static final WorkerId WORKER_A = new WorkerId("worker-a");
    protected static final WorkerId WORKER_B = new WorkerId("worker-b");
    protected static final Duration LEASE = Duration.ofSeconds(30);
    /** The pipelines the contract's workers can run: the builders' default. */
    protected static final Set<String> PIPELINES = Set.of("documents");

    protected JobStore store;

    protected abstract JobStore createStore();

    @BeforeEach
    void givenAnEmptyStore() {
        store = createStore();
    }

    /** Builds the job and inserts it: the "given" of most tests. */
    protected Job stored(JobBuilder job) {
        Job built = job.build();
        store.insert(built);
        return built;
    }

    /** The job as the store has it now; fails the test if it is gone. */
    protected Job reload(Job job) {
        return store.find(job.tenant(), job.id())
                .orElseThrow(() -> new AssertionError("job " + job.id() + " should still be stored"));
    }

    /** Ids only, for assertions on order and membership whose failures stay readable. */
    protected static List<JobId> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }
}
