package dev.conveyor.adapter.postgres;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: single-row writes that many threads make at the same time share one transaction, and each
 * caller gets its own row count. The callers do the work themselves, with no hand-over to another thread: a
 * caller that finds no transaction in flight takes every write waiting, its own included, and commits them
 * together; the others wait meanwhile, so the next transaction carries all of them. Up to {@code maxInFlight}
 * transactions run at once when enough writes wait for each. A lone write goes at once. Writes of one kind run as one JDBC batch, in row order across kinds so
 * that two transactions lock shared rows in the same order. A write that fails makes its batch go again one
 * write at a time, so it fails alone.
 */
final class GroupCommitWriter {

    private static final int MAX_BATCH = 256;
    private static final int WORTH_ANOTHER_TRANSACTION = 4;

    /** One write and, once its transaction has ended, its outcome. Guarded by the writer's lock. */
    private static final class Pending {
        final PreparedWrite write;
        final Object[] values;
        final UUID row;
        boolean done;
        int count;
        RuntimeException failure;

        Pending(PreparedWrite write, Object[] values, UUID row) {
            this.write = write;
            this.values = values;
            this.row = row;
        }
    }

    private final Database database;
    private final int maxInFlight;
    private final StoreCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final List<Pending> waiting = new ArrayList<>();
    private int inFlight;

    GroupCommitWriter(Database database, int maxInFlight, StoreCounters counters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.database = database;
        this.maxInFlight = maxInFlight;
        this.counters = counters;
    }

    /** Writes one row's change; returns how many rows it changed (0 when its condition did not hold). */
    int write(PreparedWrite write, Object[] values, UUID row) {
        Pending pending = new Pending(write, values, row);
        lock.lock();
        try {
            waiting.add(pending);
            while (!pending.done) {
                if (mayLead()) {
                    lead();
                } else {
                    finished.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.count;
    }

    /**
     * A transaction starts when none is in flight, or when enough writes wait to make another one worthwhile:
     * starting one per lone write would split the waiting writes into many small commits.
     */
    private boolean mayLead() {
        return !waiting.isEmpty()
                && (inFlight == 0 || inFlight < maxInFlight && waiting.size() >= WORTH_ANOTHER_TRANSACTION);
    }

    /** Writes waiting for a transaction. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock: takes the waiting writes, commits them without the lock, wakes their callers. */
    private void lead() {
        List<Pending> batch = new ArrayList<>(waiting.subList(0, Math.min(MAX_BATCH, waiting.size())));
        waiting.subList(0, batch.size()).clear();
        inFlight++;
        lock.unlock();
        try {
            execute(batch);
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.failure = e);
        } finally {
            lock.lock();
            inFlight--;
            batch.forEach(pending -> pending.done = true);
            finished.signalAll();
        }
    }

    private void execute(List<Pending> batch) {
        if (batch.size() == 1) {
            executeAlone(batch.getFirst());
            return;
        }
        Map<String, List<Pending>> byStatement = new LinkedHashMap<>();
        batch.stream().sorted(Comparator.comparing((Pending pending) -> pending.row))
                .forEach(pending -> byStatement.computeIfAbsent(pending.write.sql(), sql -> new ArrayList<>())
                        .add(pending));
        try {
            List<int[]> counts = database.inJdbcTransaction(connection -> {
                List<int[]> all = new ArrayList<>(byStatement.size());
                for (Map.Entry<String, List<Pending>> group : byStatement.entrySet()) {
                    try (PreparedStatement statement = connection.prepareStatement(group.getKey())) {
                        for (Pending pending : group.getValue()) {
                            PreparedWrite.bind(statement, pending.values);
                            statement.addBatch();
                        }
                        all.add(statement.executeBatch());
                    }
                }
                return all;
            });
            counters.committed(batch.size());
            int g = 0;
            for (List<Pending> group : byStatement.values()) {
                int[] groupCounts = counts.get(g++);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).count = groupCounts[i];
                }
            }
        } catch (PostgresUnavailableException e) {
            batch.forEach(pending -> pending.failure = e);
        } catch (RuntimeException e) {
            // One bad write (say, a check constraint) must not fail its neighbours: each goes alone now.
            batch.forEach(this::executeAlone);
        }
    }

    private void executeAlone(Pending pending) {
        try {
            pending.count = database.jdbc(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(pending.write.sql())) {
                    PreparedWrite.bind(statement, pending.values);
                    return statement.executeUpdate();
                }
            });
            counters.committed(1);
        } catch (RuntimeException e) {
            pending.failure = e;
        }
    }
}
