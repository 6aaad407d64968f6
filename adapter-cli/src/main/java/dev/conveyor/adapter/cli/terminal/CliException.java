package dev.conveyor.adapter.cli.terminal;

/**
 * A usage or configuration problem the user can fix: a missing file, a malformed pipeline, an unreachable
 * database. The CLI prints its message on one line and exits with status 2; the cause only with --verbose.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
