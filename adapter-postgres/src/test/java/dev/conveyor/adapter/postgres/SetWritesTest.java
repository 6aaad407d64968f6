package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set-based writes on the real PostgreSQL: the writes waiting together go as one statement per kind, each
 * row keeps its own compare-and-set, and a transition's audit events are stored exactly when it commits. The
 * writer is held busy on a row lock, so which writes share a statement is certain rather than a matter of timing.
 */
class SetWritesTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    /** The names {@code regtype} gives the types whose short names the writes use. */
    private static final Map<String, String> POSTGRES_NAMES = Map.of("integer", "int4", "smallint", "int2",
            "bigint", "int8", "double precision", "float8", "boolean", "bool",
            "timestamp with time zone", "timestamptz");

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private JobStore store;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(SetWritesTest.class).withWriters(1);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @BeforeEach
    void emptyStore() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".job, " + config.schema() + ".audit_event");
        store = stores.jobStore();
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /**
     * A write sends its rows as an array of its row type, which a migration creates: the type's attributes must be
     * the write's parameters exactly, in order and of the same types, or the binary rows are refused.
     */
    @Test
    void eachWritesRowTypeInTheMigratedSchemaHasExactlyItsParameters() throws Exception {
        Map<String, List<SetWrite.Column>> expected = new LinkedHashMap<>();
        for (SetWrite write : JobWrites.ORDER) {
            List<SetWrite.Column> earlier = expected.putIfAbsent(write.rowType(), write.parameters());
            assertTrue(earlier == null || earlier.equals(write.parameters()),
                    "writes sharing " + write.rowType() + " have different parameters");
        }
        expected.put(SetWrite.EVENT_ROW, SetWrite.eventParameters());
        expected.put(SetWrite.OUTBOX_ROW, SetWrite.outboxParameters());
        Map<String, List<SetWrite.Column>> migrated = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.open();
             PreparedStatement attributes = connection.prepareStatement("select a.attname, a.atttypid::regtype::text "
                     + "from pg_type t join pg_namespace s on s.oid = t.typnamespace join pg_attribute a on a.attrelid"
                     + " = t.typrelid where s.nspname = ? and t.typname = ? and a.attnum > 0 and not a.attisdropped "
                     + "order by a.attnum")) {
            for (String rowType : expected.keySet()) {
                attributes.setString(1, config.schema());
                attributes.setString(2, rowType);
                List<SetWrite.Column> columns = new ArrayList<>();
                try (ResultSet result = attributes.executeQuery()) {
                    while (result.next()) {
                        columns.add(new SetWrite.Column(result.getString(1), POSTGRES_NAMES.getOrDefault(
                                result.getString(2), result.getString(2))));
                    }
                }
                migrated.put(rowType, columns);
            }
        }

        assertEquals(expected, migrated);
    }

    @Test
    void oneRowLosesItsCompareAndSetWhileTheOthersInTheSameStatementWinAndOnlyTheWinnersAreAudited() throws Exception {
        Job blocker = stored();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(stored());
        }
        Job loser = stored();
        Job stale = loser.toBuilder().version(3).progress(60).build();
        List<Future<Optional<Job>>> winners = new ArrayList<>();
        long statementsBefore;
        long commitsBefore;

        try (Connection lock = lockRow(blocker)) {
            Future<Optional<Job>> blocked = callers.submit(() -> store.update(blocker.toBuilder().progress(1).build()));
            TestDatabase.awaitSessionBlockedBy(lock, "the writer should be waiting on the locked row");
            statementsBefore = stores.counters().statements();
            commitsBefore = stores.counters().commits();
            for (Job job : jobs) {
                winners.add(callers.submit(() -> store.update(job.toBuilder().progress(50).build(),
                        List.of(event(job, "pipeline_extract_complete"), event(job, "pipeline_classify_start")))));
            }
            Future<Optional<Job>> lost = callers.submit(() -> store.update(stale,
                    List.of(event(loser, "pipeline_extract_complete"))));
            awaitQueued(6);
            lock.rollback();
            assertTrue(blocked.get().isPresent());

            assertEquals(Optional.empty(), lost.get(), "the stale write lost its compare-and-set");
        }

        for (int i = 0; i < jobs.size(); i++) {
            Job written = jobs.get(i).toBuilder().progress(50).version(1).build();
            assertEquals(Optional.of(written), winners.get(i).get());
            assertEquals(Optional.of(written), store.find(written.tenant(), written.id()));
            assertEquals(List.of("pipeline_extract_complete", "pipeline_classify_start"), auditTypes(written.id()),
                    "the winner's events, in order");
        }
        assertEquals(Optional.of(loser), store.find(loser.tenant(), loser.id()), "the loser's row is unchanged");
        assertEquals(List.of(), auditTypes(loser.id()), "no event of a transition that did not happen");
        assertEquals(2, stores.counters().commits() - commitsBefore, "the blocked write's commit, then one for six");
        assertEquals(2, stores.counters().statements() - statementsBefore,
                "one statement for the blocked write, one for the six writes and their eleven events");
    }

    @Test
    void aTransitionThatCannotCommitLeavesNoAuditRowAndItsNeighboursKeepTheirs() throws Exception {
        Job blocker = stored();
        Job good = stored();
        Job bad = stored();
        String tooLong = "pipeline_" + "x".repeat(120); // audit_event.type holds 100 characters

        try (Connection lock = lockRow(blocker)) {
            Future<Optional<Job>> blocked = callers.submit(() -> store.update(blocker.toBuilder().progress(1).build()));
            TestDatabase.awaitSessionBlockedBy(lock, "the writer should be waiting on the locked row");
            Future<Optional<Job>> fine = callers.submit(() -> store.update(good.toBuilder().progress(30).build(),
                    List.of(event(good, "pipeline_extract_start"))));
            Future<Optional<Job>> failing = callers.submit(() -> store.update(bad.toBuilder().progress(30).build(),
                    List.of(event(bad, "pipeline_extract_start"), event(bad, tooLong))));
            awaitQueued(2);
            lock.rollback();
            blocked.get();

            assertTrue(fine.get().isPresent(), "the good write committed");
            ExecutionException failure = assertThrows(ExecutionException.class, failing::get);
            assertTrue(failure.getCause().getMessage().contains("too long"), failure.getCause().getMessage());
        }

        assertEquals(List.of("pipeline_extract_start"), auditTypes(good.id()));
        assertEquals(30, store.find(good.tenant(), good.id()).orElseThrow().progress());
        assertEquals(List.of(), auditTypes(bad.id()), "not even the valid event of the failed transition");
        assertEquals(Optional.of(bad), store.find(bad.tenant(), bad.id()), "nor its change");
    }

    @Test
    void insertAllAddsEveryJobInOneStatementOrNoneWhenOneExistsAlready() {
        List<Job> batch = List.of(aJob().build(), aJob().build(), aJob().build());
        long statementsBefore = stores.counters().statements();

        store.insertAll(batch);

        assertEquals(1, stores.counters().statements() - statementsBefore, "one statement for the batch");
        for (Job job : batch) {
            assertEquals(Optional.of(job), store.find(job.tenant(), job.id()));
        }
        Job fresh = aJob().build();
        var failure = assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class,
                () -> store.insertAll(List.of(fresh, batch.get(1)))));
        assertTrue(failure.getMessage().contains(batch.get(1).id().toString()), failure.getMessage());
        assertEquals(Optional.empty(), store.find(fresh.tenant(), fresh.id()), "all or nothing");
        assertThrows(IllegalArgumentException.class, () -> store.insertAll(List.of(fresh, fresh)));
    }

    @Test
    void aProgressFlushOfManyJobsIsOneStatementAndTheRowThisWorkerDoesNotHoldIsRefusedAlone() {
        WorkerId mine = new WorkerId("worker-a");
        Job first = stored(aJob().runningBy(mine, T0.plusSeconds(30)).build());
        Job second = stored(aJob().runningBy(mine, T0.plusSeconds(30)).build());
        Job others = stored(aJob().runningBy(new WorkerId("worker-b"), T0.plusSeconds(30)).build());
        ProgressUpdate update = new ProgressUpdate("extract", 3, 8, 0.25, 15, 0.75, Optional.of(T0.plusSeconds(90)),
                T0.plusSeconds(12));
        long statementsBefore = stores.counters().statements();

        List<Boolean> saved = store.saveProgressAll(mine, List.of(new JobStore.ProgressSave(JobRef.of(first), update),
                new JobStore.ProgressSave(JobRef.of(others), update),
                new JobStore.ProgressSave(JobRef.of(second), update)));

        assertEquals(List.of(true, false, true), saved);
        assertEquals(1, stores.counters().statements() - statementsBefore, "one statement for the flush");
        for (Job job : List.of(first, second)) {
            Job found = store.find(job.tenant(), job.id()).orElseThrow();
            assertEquals(15, found.progress());
            assertEquals(3, found.step("extract").orElseThrow().unitsDone());
            assertEquals(job.version(), found.version(), "progress never makes a real update stale");
        }
        assertEquals(Optional.of(others), store.find(others.tenant(), others.id()));
    }

    private Job stored(Job job) {
        store.insert(job);
        return job;
    }

    private Job stored() {
        Job job = aJob().build();
        store.insert(job);
        return job;
    }

    private static AuditEvent event(Job job, String type) {
        return new AuditEvent(job.tenant(), job.id(), type, Instant.now(), Payload.of("at", T0.toString()));
    }

    private static List<String> auditTypes(JobId job) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection connection = TestDatabase.open(); PreparedStatement select = connection.prepareStatement(
                "SELECT type FROM " + config.schema() + ".audit_event WHERE job_id = ? ORDER BY id")) {
            select.setObject(1, job.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
        }
        return types;
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
