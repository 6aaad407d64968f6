package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.CallerLedBatches.Slot;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.StoreUnavailableException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Group commit: job writes that many threads make at the same time share one transaction, and each caller gets
 * its own row count. The batching is {@link CallerLedBatches}': no hand-over to another thread, a lone write goes
 * at once, up to {@code maxInFlight} transactions at once when enough writes wait for each, and under load a
 * transaction waits a moment for as many writes as the one before carried ({@link CallerLedBatches#GATHER}). Each kind of write
 * goes as one set-based statement for all its rows ({@link SetWrite}), the audit events of the rows that won
 * inserted by the same statement; kinds go in {@link JobWrites#ORDER}, rows in id order. A transaction that
 * fails makes its writes go again one at a time, so a bad write fails alone.
 */
final class GroupCommitWriter {

    private static final int MAX_BATCH = 256;
    private static final int WORTH_ANOTHER_TRANSACTION = 4;

    private record Pending(SetWrite write, SetWrite.Row row) {
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
        this.batches = new CallerLedBatches<>(MAX_BATCH, maxInFlight, WORTH_ANOTHER_TRANSACTION,
                CallerLedBatches.GATHER, this::execute);
    }

    /**
     * Writes one row's change with the audit events that record it; returns how many rows it changed (0 when its
     * condition did not hold, and then none of its events is stored).
     */
    int write(SetWrite write, Object[] values, UUID row, List<AuditEvent> events) {
        database.requireAvailable(); // not queued behind a transaction that waits on a database that is down
        return batches.submit(new Pending(write, new SetWrite.Row(values, row, events)));
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
        try {
            transaction(batch);
        } catch (StoreUnavailableException e) {
            batch.forEach(slot -> slot.fail(e));
        } catch (RuntimeException e) {
            // One bad write (say, a check constraint) must not fail its neighbours: each goes alone now.
            batch.forEach(this::executeAlone);
        }
    }

    private void executeAlone(Slot<Pending, Integer> slot) {
        try {
            transaction(List.of(slot));
        } catch (RuntimeException e) {
            slot.fail(e);
        }
    }

    /** Sends the slots' writes in one transaction, a statement per kind, and answers each slot once committed. */
    private void transaction(List<Slot<Pending, Integer>> slots) {
        Map<SetWrite, List<Slot<Pending, Integer>>> byKind = new LinkedHashMap<>();
        JobWrites.ORDER.forEach(kind -> byKind.put(kind, new ArrayList<>()));
        slots.stream().sorted(Comparator.comparing((Slot<Pending, Integer> slot) -> slot.request().row().id()))
                .forEach(slot -> byKind.get(slot.request().write()).add(slot));
        byKind.values().removeIf(List::isEmpty);
        Database.JdbcAttempt<Map<Slot<Pending, Integer>, Integer>> statements = (connection, unknown) -> {
            Map<Slot<Pending, Integer>, Integer> written = new HashMap<>();
            for (Map.Entry<SetWrite, List<Slot<Pending, Integer>>> kind : byKind.entrySet()) {
                written.putAll(send(connection, kind.getKey(), kind.getValue(), unknown));
            }
            return written;
        };
        // One statement is atomic on its own: in auto-commit mode it costs one round trip, not two.
        long started = System.nanoTime();
        Map<Slot<Pending, Integer>, Integer> counts = byKind.size() == 1 ? database.jdbcWrite(statements)
                : database.inJdbcTransactionWrite(statements);
        counters.committed(slots.size(), started);
        counters.sent(byKind.size());
        counts.forEach(Slot::answer);
    }

    /**
     * One statement for all of a kind's rows. Two inserts of one id cannot both succeed: the first goes in the
     * statement, the others are answered 0. After an attempt whose outcome is unknown, a row that attempt wrote
     * counts as written ({@link SetWrite#execute(Connection, List, boolean)}).
     */
    private static Map<Slot<Pending, Integer>, Integer> send(Connection connection, SetWrite write,
                                                            List<Slot<Pending, Integer>> slots, boolean unknown)
            throws SQLException {
        Map<Slot<Pending, Integer>, Integer> written = new HashMap<>();
        List<Slot<Pending, Integer>> sent = new ArrayList<>(slots.size());
        Set<UUID> ids = new HashSet<>();
        for (Slot<Pending, Integer> slot : slots) {
            if (write == JobWrites.INSERT && !ids.add(slot.request().row().id())) {
                written.put(slot, 0);
            } else {
                sent.add(slot);
            }
        }
        Set<Integer> won = write.execute(connection, sent.stream().map(slot -> slot.request().row()).toList(),
                unknown);
        for (int i = 0; i < sent.size(); i++) {
            written.put(sent.get(i), won.contains(i) ? 1 : 0);
        }
        return written;
    }
}
