package dev.conveyor.adapter.postgres;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: single-row writes that many threads make at the same time share one transaction. Each caller
 * blocks until the transaction holding its write has committed and gets its own row count. A writer thread
 * takes whatever is waiting when it becomes free, so batches grow with load and a lone write goes at once.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 256;

    /** One write: a query built without a connection, the row it addresses (for lock order), its result. */
    private record Pending(Query query, String sql, UUID row, CompletableFuture<Integer> result) {
    }

    private final Database database;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final StoreCounters counter;
    private volatile boolean closed;

    GroupCommitWriter(Database database, int writers, StoreCounters counter) {
        this.database = database;
        this.counter = counter;
        for (int i = 0; i < writers; i++) {
            Thread thread = Thread.ofPlatform().daemon().name("conveyor-pg-writer-" + i).start(this::run);
            threads.add(thread);
        }
    }

    /** Writes one row's change; returns how many rows it changed (0 when its condition did not hold). */
    int write(Query query, UUID row) {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL job store is closed");
        }
        Pending pending = new Pending(query, query.getSQL(), row, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Writes queued and not yet taken by a writer thread. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                execute(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("group-commit writer failed unexpectedly", e);
                batch.forEach(pending -> pending.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void execute(List<Pending> batch) {
        if (batch.size() == 1) {
            Pending only = batch.getFirst();
            completeAlone(only);
            return;
        }
        Map<String, List<Pending>> byStatement = new LinkedHashMap<>();
        batch.stream().sorted(Comparator.comparing(Pending::row))
                .forEach(pending -> byStatement.computeIfAbsent(pending.sql(), sql -> new ArrayList<>()).add(pending));
        try {
            List<int[]> counts = database.inTransaction(tx -> {
                List<int[]> all = new ArrayList<>();
                for (List<Pending> group : byStatement.values()) {
                    all.add(executeGroup(tx, group));
                }
                return all;
            });
            counter.committed(batch.size());
            int g = 0;
            for (List<Pending> group : byStatement.values()) {
                int[] groupCounts = counts.get(g++);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(groupCounts[i]);
                }
            }
        } catch (PostgresUnavailableException e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
        } catch (RuntimeException e) {
            // One bad write (say, a duplicate id) must not fail its neighbours: each goes alone now.
            batch.forEach(this::completeAlone);
        }
    }

    private static int[] executeGroup(DSLContext tx, List<Pending> group) {
        if (group.size() == 1) {
            return new int[] {tx.execute(group.getFirst().query())};
        }
        var statement = tx.batch(group.getFirst().query());
        for (Pending pending : group) {
            statement = statement.bind(pending.query().getBindValues().toArray());
        }
        return statement.execute();
    }

    private void completeAlone(Pending pending) {
        try {
            int count = database.call(dsl -> dsl.execute(pending.query()));
            counter.committed(1);
            pending.result().complete(count);
        } catch (RuntimeException e) {
            pending.result().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
