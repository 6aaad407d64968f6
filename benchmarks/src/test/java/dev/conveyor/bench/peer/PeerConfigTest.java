package dev.conveyor.bench.peer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerConfigTest {

    @Test
    void defaultsToTenThousandJobsAndSixteenWorkersWithAConnectionEachOnTheLocalDatabase() {
        PeerConfig config = PeerConfig.from(new Properties());

        assertEquals(new PeerConfig("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", 10_000, 1_000, 16, 16,
                Duration.ofMinutes(5), Set.of("jobrunr", "conveyor1", "conveyor5", "jobrunr5"), 1), config);
    }

    @Test
    void readsEverySetting() {
        Properties properties = new Properties();
        properties.setProperty("peer.url", "jdbc:postgresql://db:5433/bench?sslmode=disable");
        properties.setProperty("peer.user", "bench");
        properties.setProperty("peer.password", "secret");
        properties.setProperty("peer.jobs", "500");
        properties.setProperty("peer.warmup", "0");
        properties.setProperty("peer.workers", "8");
        properties.setProperty("peer.pool", "4");
        properties.setProperty("peer.timeout", "PT30S");
        properties.setProperty("peer.phases", "conveyor1, conveyor5");
        properties.setProperty("peer.rounds", "3");

        PeerConfig config = PeerConfig.from(properties);

        assertEquals(new PeerConfig("jdbc:postgresql://db:5433/bench?sslmode=disable", "bench", "secret", 500, 0, 8, 4,
                Duration.ofSeconds(30), Set.of("conveyor1", "conveyor5"), 3), config);
        assertTrue(config.runs("conveyor5"));
        assertEquals("jdbc:postgresql://db:5433/bench?sslmode=disable&ApplicationName=x",
                config.urlWith("ApplicationName", "x"));
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        assertTrue(rejection("peer.jobs", "many").contains("peer.jobs must be a whole number, was 'many'"));
        assertTrue(rejection("peer.workers", "0").contains("must be at least 1"));
        assertTrue(rejection("peer.warmup", "-1").contains("peer.warmup must be 0 or more"));
        assertTrue(rejection("peer.timeout", "5 minutes").contains("peer.timeout must be an ISO-8601 duration"));
        assertTrue(rejection("peer.url", "jdbc:mysql://db/x").contains("peer.url must be a jdbc:postgresql: URL"));
        assertTrue(rejection("peer.rounds", "0").contains("peer.rounds must be at least 1, was 0"));
        assertTrue(rejection("peer.phases", "conveyor2").contains("peer.phases must name one or more of jobrunr, "
                + "conveyor1, conveyor5, jobrunr5, was conveyor2"));
    }

    private static String rejection(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return assertThrows(IllegalArgumentException.class, () -> PeerConfig.from(properties)).getMessage();
    }
}
