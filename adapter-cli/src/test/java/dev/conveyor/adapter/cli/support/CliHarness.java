package dev.conveyor.adapter.cli.support;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.command.Cli;
import dev.conveyor.adapter.cli.command.CliContext;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.pipeline.PipelineDefinition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code conveyor} in-process the way its main does, with captured streams, a chosen working directory,
 * environment and stdin, Ctrl-C on demand, and {@code --db} backed by a {@link SharedStore}.
 */
public final class CliHarness {

    public final SharedStore shared = new SharedStore();
    public final ManualInterrupts interrupts = new ManualInterrupts();
    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();
    private BuiltInPipelines builtIns = BuiltInPipelines.of(List.of());
    private ConveyorMain.Databases databases = shared.databases();
    private boolean interactive;
    private String stdin = "";

    public CliHarness(Path workingDir) {
        this.workingDir = workingDir;
    }

    public CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Opens {@code --db} with these stores instead of the shared in-memory one (e.g. a real PostgreSQL). */
    public CliHarness databases(ConveyorMain.Databases value) {
        this.databases = value;
        return this;
    }

    public CliHarness builtIns(PipelineDefinition... pipelines) {
        this.builtIns = BuiltInPipelines.of(List.of(pipelines));
        return this;
    }

    /** The built-in pipelines as the executable finds them: every provider on the class path (the demo). */
    public CliHarness builtInsOnClassPath() {
        this.builtIns = BuiltInPipelines.onClassPath();
        return this;
    }

    /** Pretends stdout is a terminal 120 columns wide. */
    public CliHarness interactive() {
        this.interactive = true;
        return this;
    }

    public CliHarness stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive, interactive ? 120 : 0,
                env, workingDir, Clock.systemDefaultZone(), interrupts);
        CliContext context = new CliContext(terminal, ConveyorMain.engines(databases, "", env),
                builtIns);
        int exit = Cli.execute(context, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a command printed and how it exited. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
