package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.BatchRun;
import dev.conveyor.adapter.cli.terminal.CliException;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --db-wait}, for the commands that follow jobs until they settle ({@code run}, and {@code retry} and
 * {@code resume} unless {@code --queue-only}): how long they wait out a database that is unavailable, saying so
 * once, before they give up with {@link #GAVE_UP}.
 */
final class DbWaitOption {

    /** The exit code of a command that gave up waiting for its database. */
    static final int GAVE_UP = 3;

    @Option(names = "--db-wait", paramLabel = "DURATION",
            description = "How long to wait out a database that is unavailable while following the jobs (said once "
                    + "on stderr; carries on when it is back) before giving up with exit code 3, every job kept. "
                    + "Default: " + BatchRun.DEFAULT_DB_WAIT_MINUTES + "m.")
    private Duration dbWait = Duration.ofMinutes(BatchRun.DEFAULT_DB_WAIT_MINUTES);

    Duration dbWait() {
        if (dbWait.isNegative()) {
            throw new CliException("--db-wait must not be negative, got " + dbWait);
        }
        return dbWait;
    }
}
