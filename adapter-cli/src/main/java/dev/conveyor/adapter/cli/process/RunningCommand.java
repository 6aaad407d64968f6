package dev.conveyor.adapter.cli.process;

import dev.conveyor.pipeline.StepContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A started command: its stdout and stderr read on virtual threads while the step waits for it to end. */
final class RunningCommand {

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Process process;
    private final Thread stdout;
    private final Thread stderr;

    RunningCommand(Process process, OutputProtocol protocol, StderrTail tail) {
        this.process = process;
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the command does not read stdin; nothing to close
        }
        this.stdout = Thread.ofVirtual().name("conveyor-stdout").start(() -> pump(process.getInputStream(), protocol::line));
        this.stderr = Thread.ofVirtual().name("conveyor-stderr").start(() -> pump(process.getErrorStream(), tail::line));
    }

    /**
     * Waits for the command to exit, killing its process tree if the step is told to stop. A command that exited 0
     * on its own before the stop reached it (the JDK notices an exit only a moment later) has done its work: its
     * step completes rather than being run again when the job resumes.
     *
     * @return the exit status, once its output has been read
     */
    int await(StepContext context) {
        try {
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (context.isCancelled()) {
                    ProcessTree.kill(process.toHandle(), CommandStep.KILL_GRACE);
                    if (process.waitFor() != 0) {
                        throw new CancellationException("the " + context.stepName() + " step was stopped");
                    }
                }
            }
            stdout.join(DRAIN);
            stderr.join(DRAIN);
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle(), CommandStep.KILL_GRACE);
            throw new CancellationException("the " + context.stepName() + " step was interrupted");
        }
        return process.exitValue();
    }

    private static void pump(InputStream stream, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // the stream ended with the process: what was read is all there is
        }
    }
}
