package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
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
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads of jobs by id that wait while a read is in flight share one statement, and each caller still gets
 * exactly what a read of its own would have: its job, nothing for another tenant's job or a missing one. (That
 * a round only answers reads asked before it began is {@link CallerLedBatchesTest}'s.) The first read is held
 * on a table lock, so the grouping is certain.
 */
class CoalescedReadsTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private JobStore store;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(CoalescedReadsTest.class);
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
    void readsWaitingTogetherShareOneStatementAndEachGetsItsOwnAnswer() throws Exception {
        Job first = stored(aJob().build());
        Job mine = stored(aJob().forTenant("acme").build());
        Job theirs = stored(aJob().forTenant("globex").build());
        JobId missing = JobId.random();

        Future<Optional<Job>> held;
        List<Future<Optional<Job>>> waiting = new ArrayList<>();
        long roundsBefore;
        try (Connection lock = lockTable()) {
            roundsBefore = stores.counters().readRounds();
            held = callers.submit(() -> store.find(first.tenant(), first.id()));
            TestDatabase.awaitSessionBlockedBy(lock, "the first read should be waiting on the locked table");
            waiting.add(callers.submit(() -> store.find(mine.tenant(), mine.id())));
            waiting.add(callers.submit(() -> store.find(mine.tenant(), mine.id())));
            waiting.add(callers.submit(() -> store.find(mine.tenant(), theirs.id())));
            waiting.add(callers.submit(() -> store.find(theirs.tenant(), theirs.id())));
            waiting.add(callers.submit(() -> store.find(mine.tenant(), missing)));
            TestDatabase.awaitTrue(() -> stores.waitingReads() >= 5, "five reads should be waiting");
            lock.rollback();
        }

        assertEquals(Optional.of(first), held.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.of(mine), waiting.get(0).get(10, TimeUnit.SECONDS));
        assertEquals(Optional.of(mine), waiting.get(1).get(10, TimeUnit.SECONDS), "the same job for both who asked");
        assertEquals(Optional.empty(), waiting.get(2).get(10, TimeUnit.SECONDS), "another tenant's job is not found");
        assertEquals(Optional.of(theirs), waiting.get(3).get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), waiting.get(4).get(10, TimeUnit.SECONDS));
        assertEquals(2, stores.counters().readRounds() - roundsBefore, "one statement for the five waiting reads");
    }

    @Test
    void aRowChangedByAnotherProcessIsReadAfreshNotFromTheLastMapping() {
        Job job = stored(aJob().build());
        assertEquals(Optional.of(job), store.find(job.tenant(), job.id()));

        TestDatabase.execute("UPDATE " + config.schema() + ".job SET progress = 40, options = '{\"skip_review\": true}'"
                + " WHERE id = '" + job.id() + "'");
        Job read = store.find(job.tenant(), job.id()).orElseThrow();

        assertEquals(40, read.progress());
        assertTrue(read.options().skipReview(), "a changed JSON column is seen too");
        TestDatabase.execute("UPDATE " + config.schema() + ".job SET progress = 41 WHERE id = '" + job.id() + "'");
        assertEquals(41, store.find(job.tenant(), job.id()).orElseThrow().progress());
    }

    @Test
    void manyConcurrentReadsOfManyJobsAllGetTheRightOne() throws Exception {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(stored(aJob().forTenant(i % 2 == 0 ? "acme" : "globex").build()));
        }
        List<Future<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            Job job = jobs.get(i % jobs.size());
            Job other = jobs.get((i + 1) % jobs.size());
            checks.add(callers.submit(() -> store.find(job.tenant(), job.id()).equals(Optional.of(job))
                    && store.find(job.tenant(), other.id()).isEmpty()));
        }
        for (Future<Boolean> check : checks) {
            assertTrue(check.get(30, TimeUnit.SECONDS), "a read got another job, or another tenant's");
        }
        assertTrue(stores.counters().reads() >= 1600);
    }

    private Job stored(Job job) {
        store.insert(job);
        return job;
    }

    /** Takes the job table's strongest lock in an open transaction: reads of it wait until rollback or commit. */
    private static Connection lockTable() throws Exception {
        Connection connection = TestDatabase.open();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + config.schema() + ".job IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }
}
