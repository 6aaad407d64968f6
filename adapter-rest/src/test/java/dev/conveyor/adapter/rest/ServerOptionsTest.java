package dev.conveyor.adapter.rest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's command line and its environment defaults. */
class ServerOptionsTest {

    @Test
    void withNoArgumentsItServesPort8080InMemoryWithAWorkerPerCore() {
        ServerOptions options = ServerOptions.parse(new String[0], Map.of());

        assertEquals(8080, options.http().port());
        assertEquals("0.0.0.0", options.http().host());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.workers());
        assertTrue(options.dbUrl().isEmpty());
        assertFalse(options.http().virtualThreads());
    }

    @Test
    void everyOptionIsReadInBothSpellings() {
        ServerOptions options = ServerOptions.parse(new String[] {"--port", "9000", "--host=127.0.0.1", "--tokens",
                "/etc/conveyor/tokens", "--workers=0", "--db", "jdbc:postgresql://db/conveyor", "--http-threads", "64",
                "--virtual-threads"}, Map.of());

        assertEquals(9000, options.http().port());
        assertEquals("127.0.0.1", options.http().host());
        assertEquals(Optional.of(Path.of("/etc/conveyor/tokens")), options.tokensFile());
        assertEquals(0, options.workers());
        assertEquals(Optional.of("jdbc:postgresql://db/conveyor"), options.dbUrl());
        assertEquals(64, options.http().workerThreads());
        assertTrue(options.http().virtualThreads());
    }

    @Test
    void unlessTheUserChoseTheStoreDecidesHowRequestsAreServed() {
        HttpSettings chosenByNobody = ServerOptions.parse(new String[0], Map.of()).http();
        HttpSettings blocking = chosenByNobody.withDefaultServing(true, 4);
        HttpSettings notBlocking = chosenByNobody.withDefaultServing(false, 4);

        assertTrue(blocking.virtualThreads());
        assertFalse(notBlocking.virtualThreads());
        assertEquals(4, notBlocking.workerThreads());

        HttpSettings pool = ServerOptions.parse(new String[] {"--http-threads", "12"}, Map.of()).http();
        assertEquals(pool, pool.withDefaultServing(true, 4), "--http-threads keeps its platform threads");
        HttpSettings virtual = ServerOptions.parse(new String[] {"--virtual-threads"}, Map.of()).http();
        assertEquals(virtual, virtual.withDefaultServing(false, 4), "--virtual-threads keeps virtual threads");
    }

    @Test
    void theDatabaseComesFromTheEnvironmentUnlessGiven() {
        Map<String, String> env = Map.of("CONVEYOR_DB_URL", " jdbc:postgresql://env/conveyor ");

        assertEquals(Optional.of("jdbc:postgresql://env/conveyor"), ServerOptions.parse(new String[0], env).dbUrl());
        assertEquals(Optional.of("jdbc:postgresql://arg/x"),
                ServerOptions.parse(new String[] {"--db", "jdbc:postgresql://arg/x"}, env).dbUrl());
    }

    @Test
    void theMetersAreOnByDefaultAndTheirTokenComesFromTheEnvironmentUnlessGiven() {
        assertEquals(new ServerOptions.MetricsSettings(true, Optional.empty()),
                ServerOptions.parse(new String[0], Map.of()).metrics());
        Map<String, String> env = Map.of("CONVEYOR_METRICS_TOKEN", " env-token ");
        assertEquals(Optional.of("env-token"), ServerOptions.parse(new String[0], env).metrics().token());
        assertEquals(Optional.of("arg-token"),
                ServerOptions.parse(new String[] {"--metrics-token=arg-token"}, env).metrics().token());
        assertFalse(ServerOptions.parse(new String[] {"--no-metrics"}, Map.of()).metrics().enabled());
        assertTrue(ServerOptions.parse(new String[] {"--metrics"}, Map.of()).metrics().enabled());
    }

    @Test
    void helpNamesEveryOptionAndEnvironmentVariable() {
        assertTrue(ServerOptions.parse(new String[] {"--help"}, Map.of()).help());
        assertTrue(ServerOptions.parse(new String[] {"-h"}, Map.of()).help());
        for (String named : new String[] {"--port", "--host", "--tokens", "--workers", "--db", "--http-threads",
                "--virtual-threads", "--[no-]metrics", "--metrics-token", "--help", "CONVEYOR_DB_URL", "CONVEYOR_TOKENS",
                "CONVEYOR_STEP_TIMEOUT", "CONVEYOR_METRICS_TOKEN"}) {
            assertTrue(ServerOptions.USAGE.contains(named), named + " is missing from:\n" + ServerOptions.USAGE);
        }
    }

    @Test
    void aWrongArgumentIsNamed() {
        assertEquals("Unknown option: '--prot'", message("--prot"));
        assertTrue(((ServerOptions.UsageError) assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--pot=1"}, Map.of()))).suggestions().contains("--port"),
                "picocli suggests the option meant");
        assertTrue(message("--port").startsWith("Missing required parameter for option '--port'"), message("--port"));
        assertTrue(message("--port", "http").startsWith("--port must be a whole number from 0 to 65535"));
        assertTrue(message("--workers", "-1").startsWith("--workers must be a whole number from 0"));
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(args, Map.of())).getMessage();
    }

    @Test
    void aDefaultStepTimeoutComesFromTheEnvironmentAndNoneByDefault() {
        assertEquals(Optional.empty(), ServerMain.stepTimeout(Map.of()));
        assertEquals(Optional.of(java.time.Duration.ofMinutes(10)),
                ServerMain.stepTimeout(Map.of("CONVEYOR_STEP_TIMEOUT", "10m")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ServerMain.stepTimeout(Map.of("CONVEYOR_STEP_TIMEOUT", "soon")));
        assertTrue(bad.getMessage().startsWith("CONVEYOR_STEP_TIMEOUT: "), bad.getMessage());
    }
}
