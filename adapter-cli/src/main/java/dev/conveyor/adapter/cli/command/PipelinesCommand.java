package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.display.Formats;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.StepDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code conveyor pipelines}: every pipeline this command line knows, with its steps. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        header = "Lists the pipelines known here.",
        description = "Lists the pipelines known here, with their steps: built-in, from --plugin jars and from "
                + "--pipeline files.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor pipelines",
                "  conveyor pipelines --pipeline examples/wordcount --plugin my-pipelines.jar"})
final class PipelinesCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    PipelinesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        List<Catalog.Entry> all = sources.catalog(context).all();
        PrintStream out = terminal.out();
        if (all.isEmpty()) {
            out.println("No pipelines known. Name a pipeline file with --pipeline FILE or a jar with --plugin JAR.");
        }
        for (Catalog.Entry entry : all) {
            out.println(entry.name() + "  (" + entry.source() + ")");
            for (StepDefinition step : entry.definition().steps()) {
                out.printf("  %-16s weight %-4d %s%s%n", step.name(), step.weight(),
                        step.isReviewGate() ? "review" : estimate(step.estimate()),
                        step.timeout().map(t -> ", timeout " + Formats.duration(t)).orElse(""));
            }
        }
        out.flush();
        return 0;
    }

    private static String estimate(Estimate estimate) {
        return switch (estimate) {
            case Estimate.Fixed fixed -> "~" + Formats.duration(fixed.duration());
            case Estimate.PerUnit per -> "~" + Formats.duration(per.time()) + " per "
                    + (per.per() == 1 ? singular(per.unitsKey()) : per.per() + " " + per.unitsKey());
            case Estimate.Unknown unknown -> "no estimate";
        };
    }

    private static String singular(String units) {
        return units.endsWith("s") ? units.substring(0, units.length() - 1) : units;
    }
}
