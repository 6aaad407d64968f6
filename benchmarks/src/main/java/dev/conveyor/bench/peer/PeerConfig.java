package dev.conveyor.bench.peer;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * One run of the peer benchmark: the PostgreSQL both systems use, how many jobs each phase enqueues and drains,
 * how many jobs each system runs first to warm its JVM code up (not counted), how many workers and pooled
 * connections each system gets (the same for both), how long a phase may take before the run gives up, which phases
 * run (all four unless a profile or a quick check wants fewer), and how many rounds of them run one after another
 * (on a shared machine one round's ratios say little; several give a median and a range in one command).
 */
public record PeerConfig(String jdbcUrl, String user, String password, int jobs, int warmUpJobs, int workers,
                         int poolSize, Duration phaseTimeout, Set<String> phases, int rounds) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final int DEFAULT_JOBS = 10_000;
    public static final int DEFAULT_WORKERS = 16;
    public static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The phases, in the order they run: JobRunr single-step, Conveyor single-step, Conveyor five-step, JobRunr
     * five-step pipelines of chained jobs.
     */
    public static final List<String> PHASES = List.of("jobrunr", "conveyor1", "conveyor5", "jobrunr5");

    public PeerConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(password, "password must not be null");
        Objects.requireNonNull(phaseTimeout, "phaseTimeout must not be null");
        phases = Set.copyOf(Objects.requireNonNull(phases, "phases must not be null"));
        if (phases.isEmpty() || !PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("peer.phases must name one or more of " + String.join(", ", PHASES)
                    + ", was " + String.join(",", phases));
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("peer.url must be a jdbc:postgresql: URL, was " + jdbcUrl);
        }
        if (warmUpJobs < 0) {
            throw new IllegalArgumentException("peer.warmup must be 0 or more, was " + warmUpJobs);
        }
        if (jobs < 1 || workers < 1 || poolSize < 1) {
            throw new IllegalArgumentException("peer.jobs, peer.workers and peer.pool must be at least 1, were "
                    + jobs + ", " + workers + " and " + poolSize);
        }
        if (phaseTimeout.isNegative() || phaseTimeout.isZero()) {
            throw new IllegalArgumentException("peer.timeout must be positive, was " + phaseTimeout);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("peer.rounds must be at least 1, was " + rounds);
        }
    }

    /**
     * Reads {@code peer.url}, {@code peer.user}, {@code peer.password}, {@code peer.jobs}, {@code peer.warmup}
     * (default: a tenth of the jobs; 0 skips the warm-up), {@code peer.workers},
     * {@code peer.pool} (default: one connection per worker), {@code peer.timeout} (ISO-8601, e.g. PT5M),
     * {@code peer.phases} (comma-separated, e.g. {@code conveyor5}; default: all four) and {@code peer.rounds}
     * (default 1) over the defaults.
     */
    public static PeerConfig from(Properties properties) {
        int jobs = integer(properties, "peer.jobs", DEFAULT_JOBS);
        int workers = integer(properties, "peer.workers", DEFAULT_WORKERS);
        return new PeerConfig(properties.getProperty("peer.url", DEFAULT_URL),
                properties.getProperty("peer.user", "postgres"), properties.getProperty("peer.password", ""), jobs,
                integer(properties, "peer.warmup", jobs / 10), workers, integer(properties, "peer.pool", workers),
                duration(properties, "peer.timeout", DEFAULT_PHASE_TIMEOUT),
                new LinkedHashSet<>(Arrays.asList(properties.getProperty("peer.phases", String.join(",", PHASES))
                        .strip().split("\\s*,\\s*"))), integer(properties, "peer.rounds", 1));
    }

    /** Whether the run includes {@code phase}, one of {@link #PHASES}. */
    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** The URL with a JDBC connection parameter added, e.g. the name a pool's sessions show on the server. */
    String urlWith(String parameter, String value) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + parameter + "=" + value;
    }

    private static int integer(Properties properties, String name, int fallback) {
        String value = properties.getProperty(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static Duration duration(Properties properties, String name, Duration fallback) {
        String value = properties.getProperty(name);
        try {
            return value == null ? fallback : Duration.parse(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT5M, was '" + value
                    + "'", e);
        }
    }
}
