package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.conveyor.adapter.postgres.Database.SQL;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The hottest read, a job by id and tenant (every progress poll is one), rendered once by jOOQ and read
 * straight from the JDBC result into the generated record: building and rendering the query each time cost
 * more than PostgreSQL's part of the read.
 */
final class JobReads {

    private static final String FIND = SQL.render(SQL.select(JOB.fields()).from(JOB)
            .where(JOB.ID.eq(DSL.param("id", JOB.ID)))
            .and(JOB.TENANT.eq(DSL.param("tenant", JOB.TENANT))));

    private static final Field<?>[] COLUMNS = JOB.fields();

    private JobReads() {
    }

    static Optional<Job> find(Database database, TenantId tenant, JobId id) {
        return database.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setObject(1, id.value());
                statement.setString(2, tenant.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(JobMapper.toJob(record(rows))) : Optional.empty();
                }
            }
        });
    }

    /** The current row of {@code rows}, whose columns are the job table's, in order. */
    static JobRecord record(ResultSet rows) throws SQLException {
        JobRecord record = new JobRecord();
        for (int i = 0; i < COLUMNS.length; i++) {
            set(record, COLUMNS[i], rows, i + 1);
        }
        return record;
    }

    private static <T> void set(JobRecord record, Field<T> column, ResultSet rows, int index) throws SQLException {
        Class<T> type = column.getType();
        Object value = type == JSONB.class ? JSONB.jsonbOrNull(rows.getString(index)) : rows.getObject(index, type);
        record.set(column, type.cast(value));
    }
}
