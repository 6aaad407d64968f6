package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that is down makes the adapter fail at once with a message that says so, not a stack of JDBC. */
class UnreachableDatabaseTest {

    @Test
    void connectingToADatabaseThatIsDownFailsSayingWhereAndWhat() {
        PostgresConfig nowhere = PostgresConfig.of("jdbc:postgresql://127.0.0.1:1/conveyor?connectTimeout=1")
                .withUser("postgres").withConnectTimeout(Duration.ofMillis(500));

        PostgresUnavailableException failure = assertThrows(PostgresUnavailableException.class,
                () -> PostgresStores.connect(nowhere));

        assertTrue(failure.getMessage().startsWith("PostgreSQL at jdbc:postgresql://127.0.0.1:1/conveyor cannot be "
                + "reached"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CONVEYOR_DB_URL"), failure.getMessage());
    }
}
