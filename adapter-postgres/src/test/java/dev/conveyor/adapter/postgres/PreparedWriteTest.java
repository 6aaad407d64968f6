package dev.conveyor.adapter.postgres;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.conveyor.adapter.postgres.Database.SQL;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedWriteTest {

    @Test
    void valuesComeInPlaceholderOrderWhateverOrderTheyAreLookedUpIn() {
        PreparedWrite write = PreparedWrite.of(SQL.update(JOB)
                .set(JOB.PROGRESS, DSL.param("progress", JOB.PROGRESS))
                .set(JOB.INPUT, DSL.param("input", JOB.INPUT))
                .where(JOB.ID.eq(DSL.param("id", JOB.ID)))
                .and(JOB.VERSION.eq(DSL.inline(3L))));
        UUID id = UUID.randomUUID();
        Map<String, Object> byName = Map.of("id", id, "progress", (short) 40, "input", "{}");

        assertArrayEquals(new Object[] {(short) 40, "{}", id}, write.values(byName::get));
        assertEquals(3, write.sql().chars().filter(c -> c == '?').count(), write.sql());
        assertTrue(write.sql().contains("cast(? as jsonb)"), "a JSONB value is cast: " + write.sql());
    }

    @Test
    void aBindValueWithoutANameIsRefusedWhenTheStatementIsBuiltNotWhenItRuns() {
        var failure = assertThrows(IllegalArgumentException.class, () -> PreparedWrite.of(SQL.update(JOB)
                .set(JOB.PROGRESS, DSL.param("progress", JOB.PROGRESS))
                .where(JOB.VERSION.eq(7L))));

        assertTrue(failure.getMessage().contains("without a name"), failure.getMessage());
    }

}
