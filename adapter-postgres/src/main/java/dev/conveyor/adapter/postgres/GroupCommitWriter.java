package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.CallerLedBatches.Slot;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Group commit: single-row writes that many threads make at the same time share one transaction, and each
 * caller gets its own row count. The batching is {@link CallerLedBatches}': no hand-over to another thread, a
 * lone write goes at once, up to {@code maxInFlight} transactions at once when enough writes wait for each.
 * Writes of one kind run as one JDBC batch, in row order across kinds so that two transactions lock shared rows
 * in the same order. A write that fails makes its batch go again one write at a time, so it fails alone.
 */
final class GroupCommitWriter {

    private static final int MAX_BATCH = 256;
    private static final int WORTH_ANOTHER_TRANSACTION = 4;

    private record Pending(PreparedWrite write, Object[] values, UUID row) {
    }

    private final Database database;
    private final StoreCounters counters;
    private final CallerLedBatches<Pending, Integer> batches;

    GroupCommitWriter(Database database, int maxInFlight, StoreCounters counters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.database = database;
        this.counters = counters;
        this.batches = new CallerLedBatches<>(MAX_BATCH, maxInFlight, WORTH_ANOTHER_TRANSACTION, this::execute);
    }

    /** Writes one row's change; returns how many rows it changed (0 when its condition did not hold). */
    int write(PreparedWrite write, Object[] values, UUID row) {
        return batches.submit(new Pending(write, values, row));
    }

    /** Writes waiting for a transaction. */
    int waiting() {
        return batches.waiting();
    }

    private void execute(List<Slot<Pending, Integer>> batch) {
        if (batch.size() == 1) {
            executeAlone(batch.getFirst());
            return;
        }
        Map<String, List<Slot<Pending, Integer>>> byStatement = new LinkedHashMap<>();
        batch.stream().sorted(Comparator.comparing((Slot<Pending, Integer> slot) -> slot.request().row()))
                .forEach(slot -> byStatement.computeIfAbsent(slot.request().write().sql(), sql -> new ArrayList<>())
                        .add(slot));
        try {
            List<int[]> counts = database.inJdbcTransaction(connection -> {
                List<int[]> all = new ArrayList<>(byStatement.size());
                for (Map.Entry<String, List<Slot<Pending, Integer>>> group : byStatement.entrySet()) {
                    try (PreparedStatement statement = connection.prepareStatement(group.getKey())) {
                        for (Slot<Pending, Integer> slot : group.getValue()) {
                            PreparedWrite.bind(statement, slot.request().values());
                            statement.addBatch();
                        }
                        all.add(statement.executeBatch());
                    }
                }
                return all;
            });
            counters.committed(batch.size());
            counters.sent(batch.size());
            int g = 0;
            for (List<Slot<Pending, Integer>> group : byStatement.values()) {
                int[] groupCounts = counts.get(g++);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer(groupCounts[i]);
                }
            }
        } catch (PostgresUnavailableException e) {
            batch.forEach(slot -> slot.fail(e));
        } catch (RuntimeException e) {
            // One bad write (say, a check constraint) must not fail its neighbours: each goes alone now.
            batch.forEach(this::executeAlone);
        }
    }

    private void executeAlone(Slot<Pending, Integer> slot) {
        Pending pending = slot.request();
        try {
            slot.answer(database.jdbc(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(pending.write().sql())) {
                    PreparedWrite.bind(statement, pending.values());
                    return statement.executeUpdate();
                }
            }));
            counters.committed(1);
            counters.sent(1);
        } catch (RuntimeException e) {
            slot.fail(e);
        }
    }
}
