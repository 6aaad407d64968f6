package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore.FirstTransition;
import dev.conveyor.port.out.JobStore.Transition;
import org.jooq.Condition;
import org.jooq.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.UUID;

import static dev.conveyor.adapter.postgres.Database.SQL;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * Claiming, one statement: lock the oldest queued rows of the given pipelines that nobody else has locked
 * ({@code FOR UPDATE SKIP LOCKED}) and lease them. Rendered once by jOOQ like the other hot statements (see
 * {@link PreparedWrite}); the pipelines go in as one array parameter so that the text never changes.
 * Claiming and starting: the same rows locked by a select, each claimed job handed to its run for its first
 * transition, and every row written once, with the transitions' audit events, by one set-based update in the
 * same transaction.
 */
final class ClaimStatement {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimStatement.class);

    private static final PreparedWrite CLAIM;
    private static final PreparedWrite PICK;
    private static final int QUEUED_AT_COLUMN = JOB.fields().length + 1;

    static {
        var picked = DSL.select(JOB.ID, JOB.QUEUED_AT).from(JOB)
                .where(JOB.QUEUED_AT.isNotNull())
                .and(oneOfThePipelines())
                .orderBy(JOB.QUEUED_AT, JOB.ID)
                .limit(DSL.param("max", Integer.class))
                .forUpdate().skipLocked()
                .asTable("picked");
        Field<UUID> pickedId = picked.field(JOB.ID);
        PICK = PreparedWrite.of(SQL.select(JOB.fields()).from(JOB)
                .where(JOB.QUEUED_AT.isNotNull())
                .and(oneOfThePipelines())
                .orderBy(JOB.QUEUED_AT, JOB.ID)
                .limit(DSL.param("max", Integer.class))
                .forUpdate().skipLocked());
        CLAIM = PreparedWrite.of(SQL.update(JOB)
                .set(JOB.STATUS, DSL.inline(JobStatus.RUNNING.name()))
                .set(JOB.LEASE_OWNER, DSL.param("worker", JOB.LEASE_OWNER))
                .set(JOB.LEASE_EXPIRES_AT, DSL.param("lease_expires_at", JOB.LEASE_EXPIRES_AT))
                .set(JOB.UPDATED_AT, DSL.param("now", JOB.UPDATED_AT))
                .set(JOB.QUEUED_AT, DSL.inline(null, JOB.QUEUED_AT))
                .set(JOB.VERSION, JOB.VERSION.plus(DSL.inline(1L)))
                .from(picked)
                .where(JOB.ID.eq(pickedId))
                .returningResult(withQueuedAt(picked.field(JOB.QUEUED_AT))));
    }

    private ClaimStatement() {
    }

    /**
     * The worker's pipelines, as a filter no index can serve: the claim must walk the queue index, oldest first,
     * and never the item lookup index, which also leads with the pipeline. Without statistics (a table filled in
     * seconds, before autovacuum's first ANALYZE) the planner guesses any equality on the pipeline to be rare, and
     * with {@code pipeline = any(?)} it read every job row of that pipeline's history on each claim.
     */
    private static Condition oneOfThePipelines() {
        return DSL.condition("array_position({0}, {1}) is not null", DSL.param("pipelines", String[].class),
                JOB.PIPELINE);
    }

    private static List<Field<?>> withQueuedAt(Field<OffsetDateTime> wasQueuedAt) {
        List<Field<?>> returned = new ArrayList<>(List.of(JOB.fields()));
        returned.add(wasQueuedAt.as("was_queued_at"));
        return returned;
    }

    /**
     * Claims up to {@code max} jobs, oldest queued first, and writes each as {@code firstOf} its index (null: none)
     * makes it: one row write per job, one transaction for all.
     */
    static List<Job> claimAndStart(Database database, WorkerId worker, Set<String> pipelines, int max, Instant now,
                                   Duration leaseLength, IntFunction<FirstTransition> firstOf) {
        Object[] values = pickValues(pipelines, max);
        Lease lease = new Lease(worker, now.plus(leaseLength));
        return database.inJdbcTransaction(connection -> {
            List<Job> queued = new ArrayList<>(max);
            try (PreparedStatement statement = connection.prepareStatement(PICK.sql())) {
                PreparedWrite.bind(statement, values);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        queued.add(JobMapper.toJob(JobReads.record(result)));
                    }
                }
            }
            if (queued.isEmpty()) {
                return List.of();
            }
            List<Job> written = new ArrayList<>(queued.size());
            List<SetWrite.Row> rows = new ArrayList<>(queued.size());
            for (int i = 0; i < queued.size(); i++) {
                Job job = queued.get(i);
                Job claimed = job.toBuilder().status(JobStatus.RUNNING).lease(Optional.of(lease)).updatedAt(now)
                        .version(job.version() + 1).build();
                FirstTransition first = firstOf.apply(i);
                Optional<Transition> transition = first == null ? Optional.empty() : firstOf(first, claimed);
                Job result = transition.map(Transition::job).orElse(claimed);
                written.add(result);
                rows.add(new SetWrite.Row(JobWrites.update(result, job.version()),
                        job.id().value(), transition.map(Transition::events).orElse(List.of())));
            }
            if (JobWrites.UPDATE.execute(connection, rows).size() != rows.size()) {
                throw new IllegalStateException("a job changed while this claim held its row lock");
            }
            return written;
        });
    }

    /** The job's first transition; none when working it out fails, which must not fail the others' claims. */
    private static Optional<Transition> firstOf(FirstTransition first, Job claimed) {
        try {
            return first.of(claimed);
        } catch (RuntimeException e) {
            LOG.warn("job {} is claimed without its first transition, which could not be worked out", claimed.id(), e);
            return Optional.empty();
        }
    }

    /** The text of the select that locks the rows a claim takes. */
    static String pickSql() {
        return PICK.sql();
    }

    /** The select's parameters: the pipelines the worker runs, and how many jobs it takes at most. */
    static Object[] pickValues(Set<String> pipelines, int max) {
        return PICK.values(name -> switch (name) {
            case "pipelines" -> pipelines.toArray(String[]::new);
            case "max" -> max;
            default -> throw new IllegalStateException("no value for parameter " + name);
        });
    }

    /** The text of the update that claims jobs without starting them. */
    static String claimSql() {
        return CLAIM.sql();
    }

    /** The update's parameters: the select's, and the lease it writes. */
    static Object[] claimValues(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        return CLAIM.values(name -> switch (name) {
            case "pipelines" -> pipelines.toArray(String[]::new);
            case "max" -> max;
            case "worker" -> worker.value();
            case "lease_expires_at" -> JobMapper.time(now.plus(leaseLength));
            case "now" -> JobMapper.time(now);
            default -> throw new IllegalStateException("no value for parameter " + name);
        });
    }

    /** Claims up to {@code max} jobs, oldest queued first. */
    static List<Job> claim(Database database, WorkerId worker, Set<String> pipelines, int max, Instant now,
                           Duration leaseLength) {
        Object[] values = claimValues(worker, pipelines, max, now, leaseLength);
        record Claimed(Job job, OffsetDateTime wasQueuedAt) {
        }
        List<Claimed> claimed = database.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CLAIM.sql())) {
                PreparedWrite.bind(statement, values);
                List<Claimed> rows = new ArrayList<>(max);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Claimed(JobMapper.toJob(JobReads.record(result)),
                                result.getObject(QUEUED_AT_COLUMN, OffsetDateTime.class)));
                    }
                }
                return rows;
            }
        });
        return claimed.stream()
                .sorted(Comparator.comparing(Claimed::wasQueuedAt).thenComparing(c -> c.job().id().value()))
                .map(Claimed::job)
                .toList();
    }
}
