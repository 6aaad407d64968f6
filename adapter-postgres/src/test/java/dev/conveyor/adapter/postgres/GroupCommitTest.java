package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes that wait while the writer is busy go together in one transaction, each caller still getting its
 * own answer; one bad write among them fails alone. The writer is held busy on a row lock, so the grouping is
 * certain rather than a matter of timing.
 */
class GroupCommitTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private JobStore store;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(GroupCommitTest.class).withWriters(1);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @BeforeEach
    void emptyStore() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".job");
        store = stores.jobStore();
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void updatesWaitingTogetherShareOneCommitAndEachGetsItsOwnResult() throws Exception {
        Job blocker = stored();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(stored());
        }
        Job stale = jobs.getLast().toBuilder().version(7).build();
        List<Future<Optional<Job>>> results = new ArrayList<>();
        long commitsBefore;

        try (Connection lock = lockRow(blocker)) {
            Future<Optional<Job>> blocked = callers.submit(() -> store.update(blocker.toBuilder().progress(1).build()));
            TestDatabase.awaitSessionBlockedBy(lock, "the writer should be waiting on the locked row");
            commitsBefore = stores.counters().commits();
            for (Job job : jobs.subList(0, 5)) {
                results.add(callers.submit(() -> store.update(job.toBuilder().progress(50).build())));
            }
            results.add(callers.submit(() -> store.update(stale)));
            awaitQueued(6);
            lock.rollback();
            assertTrue(blocked.get().isPresent());
        }

        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(jobs.get(i).toBuilder().progress(50).version(1).build()), results.get(i).get());
        }
        assertEquals(Optional.empty(), results.get(5).get(), "the stale update is refused");
        assertEquals(1, stores.counters().commits() - commitsBefore - 1, "one commit for the six waiting writes");
    }

    @Test
    void aBadWriteAmongWaitingOnesFailsAloneAndTheOthersAreStored() throws Exception {
        Job blocker = stored();
        Job existing = stored();
        List<Job> fresh = List.of(aJob().build(), aJob().build(), aJob().build());
        List<Future<?>> inserts = new ArrayList<>();

        try (Connection lock = lockRow(blocker)) {
            Future<Optional<Job>> blocked = callers.submit(() -> store.update(blocker.toBuilder().progress(1).build()));
            TestDatabase.awaitSessionBlockedBy(lock, "the writer should be waiting on the locked row");
            for (Job job : fresh) {
                inserts.add(callers.submit(() -> store.insert(job)));
            }
            Future<?> duplicate = callers.submit(() -> store.insert(existing.toBuilder().status(JobStatus.QUEUED).build()));
            awaitQueued(4);
            lock.rollback();
            blocked.get();
            var failure = assertInstanceOf(IllegalStateException.class,
                    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                            duplicate::get).getCause());
            assertTrue(failure.getMessage().contains(existing.id().toString()), failure.getMessage());
        }

        for (Future<?> insert : inserts) {
            insert.get();
        }
        for (Job job : fresh) {
            assertEquals(Optional.of(job), store.find(job.tenant(), job.id()));
        }
        assertEquals(Optional.of(existing), store.find(existing.tenant(), existing.id()));
    }

    private Job stored() {
        Job job = aJob().build();
        store.insert(job);
        return job;
    }

    /** Holds the job's row in an open transaction, so the writer blocks on it until rollback. */
    private static Connection lockRow(Job job) throws Exception {
        Connection connection = TestDatabase.open();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM " + config.schema() + ".job WHERE id = '" + job.id() + "' FOR UPDATE");
        }
        return connection;
    }

    private static void awaitQueued(int writes) throws Exception {
        TestDatabase.awaitTrue(() -> stores.waitingWrites() >= writes, writes + " writes should be waiting");
    }
}
