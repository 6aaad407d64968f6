package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.model.DurationText;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code conveyor} command line: builds the picocli tree and maps outcomes to exit codes. Usage and
 * configuration errors print one line and exit 2; a stack trace only with {@code --verbose}.
 */
public final class Cli {

    public static final int USAGE = 2;

    private Cli() {
    }

    public static CommandLine commandLine(CliContext context) {
        CommandLine line = new CommandLine(new ConveyorCommand(context));
        line.setUsageHelpWidth(100);
        line.addSubcommand(new RunCommand(context));
        line.addSubcommand(new JobsCommand(context));
        line.addSubcommand(new StatusCommand(context));
        line.addSubcommand(new RetryCommand(context));
        line.addSubcommand(new ResumeCommand(context));
        line.addSubcommand(new CancelCommand(context));
        line.addSubcommand(new PipelinesCommand(context));
        line.addSubcommand(new WorkerCommand(context));
        line.addSubcommand(new CompletionCommand());
        line.setOut(new PrintWriter(context.terminal().out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(context.terminal().err(), true, StandardCharsets.UTF_8));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.registerConverter(Duration.class, Cli::duration);
        line.setExecutionExceptionHandler(Cli::failed);
        line.setParameterExceptionHandler(Cli::misused);
        return line;
    }

    public static int execute(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    private static Duration duration(String text) {
        return DurationText.parse(text).orElseThrow(() -> new CommandLine.TypeConversionException("'" + text
                + "' is not a duration; write e.g. " + DurationText.EXAMPLES));
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        if (e instanceof CliException) {
            err.println("conveyor: " + e.getMessage());
        } else {
            String what = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage().lines()
                    .findFirst().orElse(e.toString());
            err.println("conveyor: " + what + (verbose ? "" : " (--verbose shows the stack trace)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("conveyor: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult at = parsed; at != null; at = at.subcommand()) {
            if (at.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
