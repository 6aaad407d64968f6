package dev.conveyor.adapter.cli.bench;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.command.Cli;
import dev.conveyor.adapter.cli.command.CliContext;
import dev.conveyor.adapter.cli.command.NoopPipeline;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.support.ManualInterrupts;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The CLI's two performance targets, measured in one JVM (a main class, not a test):
 * <ol>
 *   <li>10,000 items through a Java no-op three-step pipeline in-process, live display on: at least
 *       5,000 items/s;</li>
 *   <li>1,000 items through a three-step command pipeline of {@code true}: at most 1.3 times the time a plain
 *       Java loop takes to spawn the same 3,000 processes.</li>
 * </ol>
 * Run: {@code java -cp adapter-cli/target/test-classes:adapter-cli/target/conveyor.jar
 * dev.conveyor.adapter.cli.bench.CliBenchmark [parallel]}
 */
public final class CliBenchmark {

    private CliBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int parallel = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("conveyor-bench");
        System.out.printf(Locale.ROOT, "%d CPUs, --parallel %d, %s%n", Runtime.getRuntime().availableProcessors(),
                parallel, System.getProperty("java.vm.version"));

        Path noopItems = items(dir.resolve("noop-items.txt"), 10_000);
        run(dir, parallel, "noop", items(dir.resolve("warm.txt"), 2_000));
        for (int round = 1; round <= 3; round++) {
            Measured noop = run(dir, parallel, "noop", noopItems);
            System.out.printf(Locale.ROOT, "java no-op x3 steps, 10,000 items, display on: %.2f s = %.0f items/s (exit %d)%n",
                    noop.seconds(), 10_000 / noop.seconds(), noop.exit());
        }

        Path truePipeline = Files.writeString(dir.resolve("true.yaml"), """
                name: truths
                steps:
                  - {name: one, command: "true"}
                  - {name: two, command: "true"}
                  - {name: three, command: "true"}
                """);
        Path trueItems = items(dir.resolve("true-items.txt"), 1_000);
        spawnLoop(300);
        run(dir, parallel, truePipeline.toString(), items(dir.resolve("true-warm.txt"), 100));
        for (int round = 1; round <= 3; round++) {
            double loop = spawnLoop(3_000);
            Measured cli = run(dir, parallel, truePipeline.toString(), trueItems);
            System.out.printf(Locale.ROOT, "3,000 'true' processes: plain loop %.2f s, conveyor run of 1,000 items x3 "
                    + "steps %.2f s = %.2fx (exit %d)%n", loop, cli.seconds(), cli.seconds() / loop, cli.exit());
        }
    }

    private record Measured(double seconds, int exit) {
    }

    /** {@code conveyor run PIPELINE --items-from FILE} in-process, with the live display drawn as on a terminal. */
    private static Measured run(Path dir, int parallel, String pipeline, Path items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, false, StandardCharsets.UTF_8), System.err,
                InputStream.nullInputStream(), true, 120, Map.of(), dir, Clock.systemDefaultZone(),
                new ManualInterrupts());
        CliContext context = new CliContext(terminal, ConveyorMain.engines(url -> {
            throw new IllegalStateException("no database in this benchmark");
        }), BuiltInPipelines.of(List.of(NoopPipeline.threeSteps("noop"))));
        long start = System.nanoTime();
        int exit = Cli.execute(context, "run", pipeline, "--items-from", items.toString(), "--parallel",
                Integer.toString(parallel), "--workdir", dir.resolve("work").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            System.out.println(out.toString(StandardCharsets.UTF_8));
        }
        return new Measured(seconds, exit);
    }

    private static double spawnLoop(int processes) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < processes; i++) {
            Process process = new ProcessBuilder("true").start();
            process.getOutputStream().close();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("true failed");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Path items(Path file, int count) throws IOException {
        return Files.writeString(file, IntStream.range(0, count).mapToObj(i -> "item-" + i)
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
