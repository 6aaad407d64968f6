package dev.conveyor.adapter.postgres;

import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Job;
import dev.conveyor.model.TenantId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The jobs that hold some tenants' idempotency keys: one statement, one probe of {@code job_idempotency_ux} per key.
 * An insert that lost its key to another job reads the holder with it, after the insert, so it sees the holder
 * committed (the insert's {@code ON CONFLICT} waited for it).
 */
final class KeyLookup {

    /** A tenant's key. */
    record Key(TenantId tenant, IdempotencyKey key) {

        static Key of(Job job) {
            return new Key(job.tenant(), job.idempotency().orElseThrow().key());
        }
    }

    private static final String HOLDERS = "SELECT " + JOB.fieldStream().map(field -> "j." + field.getName())
            .collect(Collectors.joining(", ")) + " FROM unnest(?::text[], ?::text[]) AS k(tenant, key)"
            + " JOIN job j ON j.tenant = k.tenant AND j.idempotency_key = k.key"
            + " AND j.idempotency_key IS NOT NULL";

    private KeyLookup() {
    }

    static Map<Key, Job> holders(Connection connection, Collection<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String[] tenants = keys.stream().map(key -> key.tenant().value()).toArray(String[]::new);
        String[] values = keys.stream().map(key -> key.key().value()).toArray(String[]::new);
        try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
            statement.setArray(1, connection.createArrayOf("text", tenants));
            statement.setArray(2, connection.createArrayOf("text", values));
            Map<Key, Job> found = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Job job = JobMapper.toJob(JobReads.record(rows));
                    found.put(Key.of(job), job);
                }
            }
            return found;
        }
    }
}
