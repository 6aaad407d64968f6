package dev.conveyor.adapter.cli.command;

import picocli.CommandLine.Option;

/** {@code --verbose}: more lines while running, and the stack trace of an error. */
final class Verbosity {

    @Option(names = {"-v", "--verbose"}, description = "Show more: every finished item, failure details, stack traces.")
    boolean verbose;
}
