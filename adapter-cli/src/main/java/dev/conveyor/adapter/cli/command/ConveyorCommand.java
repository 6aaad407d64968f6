package dev.conveyor.adapter.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top of the tree: {@code conveyor} alone prints its usage. */
@Command(name = "conveyor", mixinStandardHelpOptions = true, version = "conveyor 0.1.0",
        description = "Runs batches of items through multi-step pipelines and shows exactly where each one "
                + "stands. Jobs live in memory by default; --db jdbc:postgresql://… (or CONVEYOR_DB_URL) shares them "
                + "between runs, processes and hosts.",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor run examples/wordcount 'examples/wordcount/items/*.txt'",
                "  export CONVEYOR_DB_URL=jdbc:postgresql://localhost/conveyor",
                "  conveyor run examples/wordcount 'examples/wordcount/items/*.txt'",
                "  conveyor jobs --status failed",
                "  conveyor worker --pipeline examples/wordcount",
                "",
                "Exit codes: 0 all completed, 1 some failed, 2 usage or configuration error,",
                "130 interrupted."})
final class ConveyorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    ConveyorCommand(CliContext context) {
        // the context reaches the subcommands; the top command only prints usage
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.USAGE;
    }
}
