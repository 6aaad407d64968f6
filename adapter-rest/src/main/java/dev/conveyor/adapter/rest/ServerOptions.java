package dev.conveyor.adapter.rest;

import dev.conveyor.model.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's command line: {@code --port}, {@code --host}, {@code --tokens FILE}, {@code --workers N},
 * {@code --db URL} (else {@code CONVEYOR_DB_URL}), {@code --http-threads N}, {@code --virtual-threads},
 * {@code --ttl DURATION} (else {@code CONVEYOR_TTL}).
 *
 * @param workers background threads running jobs in this process; 0 serves the API only
 * @param ttl     how long finished jobs are kept, when given on the command line (it wins over {@code CONVEYOR_TTL})
 */
public record ServerOptions(HttpSettings http, Optional<Path> tokensFile, int workers, Optional<String> dbUrl,
                            boolean help, Optional<Duration> ttl) {

    public static final String USAGE = """
            Usage: java -jar conveyor-server.jar [options]
              --port N            port to listen on (default 8080; 0 picks a free one)
              --host H            address to listen on (default 0.0.0.0)
              --tokens FILE       bearer tokens, one 'token tenant role' a line (role: read or write);
                                  else CONVEYOR_TOKENS='token:tenant:role,...'; else a development token is printed
              --workers N         threads running jobs in this process (default: one per core; 0: API only,
                                  leave the work to 'conveyor worker' processes sharing the database)
              --db URL            jdbc:postgresql://host:5432/db (else CONVEYOR_DB_URL); default: in memory
              --http-threads N    serve requests on N platform threads (default: 2 per core in memory;
                                  with PostgreSQL, whose calls block, a virtual thread per request)
              --virtual-threads   serve each request on a virtual thread, whatever the store
              --ttl DURATION      how long finished jobs are kept: 1h, 7d (else CONVEYOR_TTL; default 24h)
              --help              this text""";

    public ServerOptions {
        Objects.requireNonNull(http, "http must not be null");
        Objects.requireNonNull(tokensFile, "tokensFile must not be null");
        Objects.requireNonNull(dbUrl, "dbUrl must not be null");
        Objects.requireNonNull(ttl, "ttl must not be null");
        if (workers < 0) {
            throw new IllegalArgumentException("workers must not be negative, got " + workers);
        }
    }

    /** Options with the TTL left to {@code CONVEYOR_TTL} or the default. */
    public ServerOptions(HttpSettings http, Optional<Path> tokensFile, int workers, Optional<String> dbUrl,
                         boolean help) {
        this(http, tokensFile, workers, dbUrl, help, Optional.empty());
    }

    /** In memory, on {@code port}, with {@code workers} job threads: what tests and a first try use. */
    public static ServerOptions inMemory(int port, int workers) {
        return new ServerOptions(HttpSettings.onPort(port), Optional.empty(), workers, Optional.empty(), false);
    }

    /**
     * Reads the arguments, with the environment's {@code CONVEYOR_DB_URL} as the default database.
     *
     * @throws IllegalArgumentException saying which argument is wrong
     */
    public static ServerOptions parse(String[] args, Map<String, String> env) {
        HttpSettings defaults = HttpSettings.onPort(HttpSettings.DEFAULT_PORT);
        String host = defaults.host();
        int port = defaults.port();
        int threads = defaults.workerThreads();
        boolean virtual = false;
        Optional<Path> tokens = Optional.empty();
        int workers = Runtime.getRuntime().availableProcessors();
        Optional<String> db = Optional.ofNullable(env.get("CONVEYOR_DB_URL")).map(String::strip).filter(s -> !s.isEmpty());
        boolean help = false;
        Optional<Duration> ttl = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--virtual-threads" -> virtual = true;
                case "--port", "--host", "--tokens", "--workers", "--db", "--http-threads", "--ttl" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--port" -> port = number(name, value, 0, 65_535);
                        case "--host" -> host = value;
                        case "--tokens" -> tokens = Optional.of(Path.of(value));
                        case "--workers" -> workers = number(name, value, 0, 1_000);
                        case "--db" -> db = Optional.of(value);
                        case "--ttl" -> ttl = Optional.of(DurationText.positive(name, value));
                        default -> threads = number(name, value, 1, 1_000);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        HttpSettings http = new HttpSettings(host, port, threads, virtual, Duration.ofSeconds(5));
        return new ServerOptions(http, tokens, workers, db, help, ttl);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }
}
