package dev.conveyor.adapter.cli.process;

import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepContext;
import dev.conveyor.pipeline.StepException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A step that runs a command for each job: placeholders filled from the job, stdout read for
 * {@link OutputProtocol} lines, exit 0 done, exit 75 (EX_TEMPFAIL) transient, any other exit permanent.
 * Stopping the step (cancel, timeout, shutdown) kills the command's whole process tree.
 */
public final class CommandStep implements Step {

    /** The placeholders every step has, in this order; {@code {STEP.output}} adds each earlier step's output. */
    public static final List<String> PLACEHOLDERS = List.of("item", "workdir", "job_id", "attempt", "step",
            "pipeline_dir");

    static final int MAX_OUTPUT = 16 * 1024;
    static final int STDERR_LINES = 20;
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final String pipeline;
    private final String step;
    private final Command command;
    private final Map<String, Template> env;
    private final Path directory;
    private final Path workRoot;

    /**
     * @param directory where the command runs: the pipeline file's folder, so it can call scripts beside it
     * @param workRoot  the parent of per-job work folders, for jobs whose input names none
     */
    public CommandStep(String pipeline, String step, Command command, Map<String, Template> env, Path directory,
                       Path workRoot) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline must not be null");
        this.step = Objects.requireNonNull(step, "step must not be null");
        this.command = Objects.requireNonNull(command, "command must not be null");
        this.env = Map.copyOf(env);
        this.directory = Objects.requireNonNull(directory, "directory must not be null");
        this.workRoot = Objects.requireNonNull(workRoot, "workRoot must not be null");
    }

    @Override
    public void run(StepContext context) throws Exception {
        Path workdir = workdir(context);
        Files.createDirectories(workdir);
        UnaryOperator<String> values = new Placeholders(context, workdir, directory);
        List<String> argv = command.argv(values);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        env.forEach((name, value) -> environment.put(name, value.expand(values)));
        environment.put("CONVEYOR_ITEM", values.apply("item"));
        environment.put("CONVEYOR_WORKDIR", workdir.toString());
        environment.put("CONVEYOR_JOB_ID", context.jobId().toString());
        environment.put("CONVEYOR_STEP", step);
        environment.put("CONVEYOR_ATTEMPT", Integer.toString(context.attempt()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw StepException.permanent("command_not_found", "The " + step + " step could not start '" + argv.getFirst()
                    + "': no such program, or it is not executable.", e);
        }
        OutputProtocol protocol = new OutputProtocol(context, MAX_OUTPUT);
        StderrTail stderr = new StderrTail(STDERR_LINES);
        int exit = new RunningCommand(process, protocol, stderr).await(context);
        if (exit == 0) {
            context.put("stdout", protocol.output());
            if (protocol.truncated()) {
                context.warn("the " + step + " step's output was cut to its first " + MAX_OUTPUT / 1024 + " KB");
            }
            return;
        }
        throw ExitStatus.failure(step, exit, protocol.declaredError(), detail(argv, exit, stderr), context);
    }

    private Path workdir(StepContext context) {
        String given = context.input().getString("workdir", "");
        return given.isBlank() ? workRoot.resolve(pipeline).resolve(context.jobId().toString()) : Path.of(given);
    }

    private static String detail(List<String> argv, int exit, StderrTail stderr) {
        String tail = stderr.text();
        return "command " + argv + " exited with status " + exit
                + (tail.isEmpty() ? " and wrote nothing to stderr" : "; the last lines of its stderr:\n" + tail);
    }
}
