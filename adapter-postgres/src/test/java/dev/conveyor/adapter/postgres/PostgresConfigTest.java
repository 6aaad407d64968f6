package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresConfigTest {

    @Test
    void theEnvironmentGivesUrlCredentialsSchemaAndPoolSize() {
        PostgresConfig config = PostgresConfig.fromEnvironment(Map.of(
                "CONVEYOR_DB_URL", "jdbc:postgresql://db:5432/jobs",
                "CONVEYOR_DB_USER", "conveyor",
                "CONVEYOR_DB_PASSWORD", "secret",
                "CONVEYOR_DB_SCHEMA", "pipelines",
                "CONVEYOR_DB_POOL_SIZE", "20"));

        assertEquals("jdbc:postgresql://db:5432/jobs", config.jdbcUrl());
        assertEquals(Optional.of("conveyor"), config.user());
        assertEquals(Optional.of("secret"), config.password());
        assertEquals("pipelines", config.schema());
        assertEquals(20, config.poolSize());
    }

    @Test
    void onlyTheUrlIsRequiredAndTheRestHasDefaults() {
        PostgresConfig config = PostgresConfig.fromEnvironment(Map.of("CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs"));

        assertEquals(PostgresConfig.DEFAULT_SCHEMA, config.schema());
        assertEquals(PostgresConfig.DEFAULT_POOL_SIZE, config.poolSize());
        assertEquals(Optional.empty(), config.user());
        assertEquals(1, config.writers(), "one group commit in flight: writes arriving meanwhile share the next");
    }

    @Test
    void theOutageSettingsComeFromTheEnvironmentWithShortDefaults() {
        PostgresConfig defaults = PostgresConfig.fromEnvironment(Map.of("CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs"));
        PostgresConfig set = PostgresConfig.fromEnvironment(Map.of("CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs",
                "CONVEYOR_DB_CONNECT_TIMEOUT", "500ms", "CONVEYOR_DB_STATEMENT_TIMEOUT", "30s",
                "CONVEYOR_DB_BREAKER_WAIT", "2s"));

        assertEquals(Duration.ofSeconds(1), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(2), defaults.statementTimeout());
        assertEquals(Duration.ofSeconds(1), defaults.breakerWait());
        assertEquals(Duration.ofMillis(500), set.connectTimeout());
        assertEquals(Duration.ofSeconds(30), set.statementTimeout());
        assertEquals(Duration.ofSeconds(2), set.breakerWait());
    }

    @Test
    void outageSettingsThatCannotWorkAreRefusedNamingTheVariable() {
        var unreadable = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.fromEnvironment(Map.of(
                "CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs", "CONVEYOR_DB_STATEMENT_TIMEOUT", "soon")));
        assertTrue(unreadable.getMessage().startsWith("CONVEYOR_DB_STATEMENT_TIMEOUT: "), unreadable.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.fromEnvironment(Map.of(
                "CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs", "CONVEYOR_DB_STATEMENT_TIMEOUT", "200ms")));
        assertTrue(tooShort.getMessage().startsWith("statementTimeout must be at least 1s"), tooShort.getMessage());
        var breaker = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.fromEnvironment(Map.of(
                "CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs", "CONVEYOR_DB_BREAKER_WAIT", "10ms")));
        assertTrue(breaker.getMessage().startsWith("breakerWait must be between"), breaker.getMessage());
    }

    @Test
    void aMissingUrlSaysWhichVariableToSet() {
        var failure = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.fromEnvironment(Map.of()));

        assertTrue(failure.getMessage().contains("CONVEYOR_DB_URL must be set"), failure.getMessage());
    }

    @Test
    void nonsenseIsRejectedNamingTheField() {
        assertThrows(IllegalArgumentException.class, () -> PostgresConfig.of("jdbc:mysql://db/jobs"));
        var schema = assertThrows(IllegalArgumentException.class,
                () -> PostgresConfig.of("jdbc:postgresql://db/jobs").withSchema("drop table; --"));
        assertTrue(schema.getMessage().startsWith("schema must be"), schema.getMessage());
        var pool = assertThrows(IllegalArgumentException.class, () -> PostgresConfig.fromEnvironment(Map.of(
                "CONVEYOR_DB_URL", "jdbc:postgresql://db/jobs", "CONVEYOR_DB_POOL_SIZE", "many")));
        assertTrue(pool.getMessage().contains("CONVEYOR_DB_POOL_SIZE"), pool.getMessage());
    }

    @Test
    void thePasswordIsNeverShown() {
        PostgresConfig config = PostgresConfig.of("jdbc:postgresql://db/jobs?password=hunter2").withPassword("hunter2");

        assertFalse(config.toString().contains("hunter2"), config.toString());
    }
}
