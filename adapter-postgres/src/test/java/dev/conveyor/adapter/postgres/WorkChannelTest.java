package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each schema announces work on its own channel, named within PostgreSQL's identifier limit. */
class WorkChannelTest {

    @Test
    void theChannelIsNamedAfterTheSchema() {
        assertEquals("conveyor_work_conveyor", WorkChannel.of("conveyor").name());
        assertEquals("LISTEN \"conveyor_work_conveyor\"", WorkChannel.of("conveyor").listen());
    }

    @Test
    void aLongSchemaNameIsCutToSixtyThreeCharactersAsTheTriggerCutsIt() {
        String schema = "s".repeat(63);

        assertEquals("conveyor_work_" + "s".repeat(49), WorkChannel.of(schema).name());
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WorkChannel("work\"; DROP TABLE job; --"));
        assertThrows(IllegalArgumentException.class, () -> new WorkChannel("Work"));
        assertThrows(IllegalArgumentException.class, () -> new WorkChannel("w".repeat(64)));
    }
}
