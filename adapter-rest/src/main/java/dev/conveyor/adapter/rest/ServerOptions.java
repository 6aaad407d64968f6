package dev.conveyor.adapter.rest;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's command line, read by picocli as the {@code conveyor} CLI's is: {@code --port}, {@code --host},
 * {@code --tokens FILE}, {@code --workers N}, {@code --db URL} (else {@code CONVEYOR_DB_URL}),
 * {@code --http-threads N}, {@code --virtual-threads}, {@code --[no-]metrics}, {@code --metrics-token}
 * (else {@code CONVEYOR_METRICS_TOKEN}), {@code --help}.
 *
 * @param workers background threads running jobs in this process; 0 serves the API only
 * @param metrics whether and to whom {@code GET /metrics} is served
 */
public record ServerOptions(HttpSettings http, Optional<Path> tokensFile, int workers, Optional<String> dbUrl,
                            boolean help, MetricsSettings metrics) {

    /** The program's name in its usage and its error messages. */
    public static final String NAME = "conveyor-server";

    /** The {@code --help} text. */
    public static final String USAGE = usage();

    public ServerOptions {
        Objects.requireNonNull(http, "http must not be null");
        Objects.requireNonNull(tokensFile, "tokensFile must not be null");
        Objects.requireNonNull(dbUrl, "dbUrl must not be null");
        Objects.requireNonNull(metrics, "metrics must not be null");
        if (workers < 0) {
            throw new IllegalArgumentException("workers must not be negative, got " + workers);
        }
    }

    /** With the meters served as by default: on, open on a loopback address only, no token. */
    public ServerOptions(HttpSettings http, Optional<Path> tokensFile, int workers, Optional<String> dbUrl,
                         boolean help) {
        this(http, tokensFile, workers, dbUrl, help, MetricsSettings.DEFAULT);
    }

    /**
     * Whether {@code GET /metrics} is served, and the operator's token a scrape must send (none: open when the
     * server listens on a loopback address, refused otherwise).
     */
    public record MetricsSettings(boolean enabled, Optional<String> token) {

        public static final MetricsSettings DEFAULT = new MetricsSettings(true, Optional.empty());

        public MetricsSettings {
            Objects.requireNonNull(token, "token must not be null");
            token = token.map(String::strip).filter(t -> !t.isEmpty());
        }
    }

    /** In memory, on {@code port}, with {@code workers} job threads: what tests and a first try use. */
    public static ServerOptions inMemory(int port, int workers) {
        return new ServerOptions(HttpSettings.onPort(port), Optional.empty(), workers, Optional.empty(), false);
    }

    /** A command line picocli could not read, with its suggestions ("Did you mean: --port?"), if any. */
    public static final class UsageError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String suggestions;

        UsageError(String message, String suggestions) {
            super(message);
            this.suggestions = suggestions;
        }

        /** Lines to print after the message; empty when picocli has none. */
        public String suggestions() {
            return suggestions;
        }
    }

    /**
     * Reads the arguments, with the environment's {@code CONVEYOR_DB_URL} and {@code CONVEYOR_METRICS_TOKEN} as
     * defaults.
     *
     * @throws IllegalArgumentException saying which argument is wrong ({@link UsageError} for what picocli
     *                                  rejects: an unknown option, a missing value)
     */
    public static ServerOptions parse(String[] args, Map<String, String> env) {
        Flags flags = new Flags();
        CommandLine line = commandLine(flags);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            StringWriter suggestions = new StringWriter();
            CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(suggestions, true));
            throw new UsageError(e.getMessage(), suggestions.toString().strip());
        }
        return flags.options(line.isUsageHelpRequested(), env);
    }

    private static CommandLine commandLine(Flags flags) {
        CommandLine line = new CommandLine(flags);
        line.setUsageHelpWidth(100);
        return line;
    }

    private static String usage() {
        return commandLine(new Flags()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    @Command(name = NAME, sortOptions = false,
            header = "Serves Conveyor's REST API, its dashboard and its meters.",
            synopsisHeading = "Usage: ",
            customSynopsis = "java -jar conveyor-server.jar [options]",
            description = "Runs jobs in this process (--workers) or leaves them to 'conveyor worker' processes that "
                    + "share its PostgreSQL database (--workers 0 --db URL). Jobs live in memory unless --db is given.",
            footerHeading = "%nEnvironment:%n",
            footer = {
                    "  CONVEYOR_DB_URL         the database when --db is not given",
                    "  CONVEYOR_DB_USER, CONVEYOR_DB_PASSWORD, CONVEYOR_DB_SCHEMA, CONVEYOR_DB_POOL_SIZE",
                    "                          its credentials, schema and pool size",
                    "  CONVEYOR_TOKENS         bearer tokens 'token:tenant:role,...' when --tokens is not given",
                    "  CONVEYOR_STEP_TIMEOUT   a timeout for every step that sets none (e.g. 10m)",
                    "  CONVEYOR_METRICS_TOKEN  the token a scrape of /metrics must send (see --metrics-token)"})
    private static final class Flags {

        @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 8080; 0 picks a free one).")
        private String port;

        @Option(names = "--host", paramLabel = "H", description = "Address to listen on (default 0.0.0.0).")
        private String host;

        @Option(names = "--tokens", paramLabel = "FILE", description = {"Bearer tokens, one 'token tenant role' a line "
                + "(role: read or write); else CONVEYOR_TOKENS='token:tenant:role,...'; else a development token is "
                + "printed."})
        private Path tokens;

        @Option(names = "--workers", paramLabel = "N", description = "Threads running jobs in this process (default: "
                + "one per core; 0: API only, leave the work to 'conveyor worker' processes sharing the database).")
        private String workers;

        @Option(names = "--db", paramLabel = "URL", description = "jdbc:postgresql://host:5432/db (else "
                + "CONVEYOR_DB_URL); default: in memory.")
        private String db;

        @Option(names = "--http-threads", paramLabel = "N", description = "Serve requests on N platform threads "
                + "(default: 2 per core in memory; with PostgreSQL, whose calls block, a virtual thread per request).")
        private String httpThreads;

        @Option(names = "--virtual-threads", description = "Serve each request on a virtual thread, whatever the store.")
        private boolean virtualThreads;

        @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Serve GET /metrics in Prometheus text format (default: on; --no-metrics turns it off). "
                        + "Without a metrics token it is open only when --host is a loopback address.")
        private boolean metrics;

        @Option(names = "--metrics-token", paramLabel = "TOKEN", description = "The token a scrape must send as "
                + "Authorization: Bearer TOKEN (else CONVEYOR_METRICS_TOKEN, which keeps it out of the process list).")
        private String metricsToken;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        private boolean help;

        ServerOptions options(boolean helpRequested, Map<String, String> env) {
            HttpSettings defaults = HttpSettings.onPort(HttpSettings.DEFAULT_PORT);
            int threads = httpThreads == null ? defaults.workerThreads() : number("--http-threads", httpThreads, 1, 1_000);
            HttpSettings http = new HttpSettings(host == null ? defaults.host() : host,
                    port == null ? defaults.port() : number("--port", port, 0, 65_535), threads, virtualThreads,
                    Duration.ofSeconds(5));
            int jobThreads = workers == null ? Runtime.getRuntime().availableProcessors()
                    : number("--workers", workers, 0, 1_000);
            Optional<String> database = Optional.ofNullable(db).or(() -> setting(env, "CONVEYOR_DB_URL"));
            Optional<String> token = Optional.ofNullable(metricsToken).or(() -> setting(env, "CONVEYOR_METRICS_TOKEN"));
            return new ServerOptions(http, Optional.ofNullable(tokens), jobThreads, database, helpRequested,
                    new MetricsSettings(metrics, token));
        }

        private static Optional<String> setting(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
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
}
