package dev.conveyor.adapter.cli.process;

import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandStepTest {

    @TempDir
    Path dir;

    private CommandStep step(String command) {
        return new CommandStep("docs", "count", Command.of(command), Map.of("GREETING", Template.parse("hi {item}")),
                dir, dir.resolve("work"));
    }

    private RecordingContext context() {
        return new RecordingContext(Payload.of("item", dir.resolve("in.txt").toString(), "workdir",
                dir.resolve("w").toString()));
    }

    @Test
    void exitZeroKeepsTheOutputAndTheProtocolLinesReportProgressCostAndWarnings() throws Exception {
        RecordingContext context = context();

        step("""
                echo "progress 3/10"; echo "cost 0.25"; echo "warn two lines were blank"
                echo "review p-7 0.4 Is this a total?"; echo "$GREETING"; echo "result 42"
                """).run(context);

        assertEquals("hi " + dir.resolve("in.txt") + "\nresult 42", context.output.get("stdout"));
        assertEquals(3, context.done);
        assertEquals(10, context.total);
        assertEquals(0.25, context.cost);
        assertEquals(List.of("two lines were blank"), context.warnings);
        assertEquals(List.of("p-7 0.4 Is this a total?"), context.reviews);
        assertTrue(Files.isDirectory(dir.resolve("w")), "the work folder is created before the command runs");
    }

    @Test
    void exit75IsATransientFailureWorthRetrying() {
        StepException failure = assertThrows(StepException.class, () -> step("echo busy >&2; exit 75").run(context()));

        assertEquals(StepException.Category.TRANSIENT, failure.category());
        assertEquals("The count step reported a temporary failure (exit 75).", failure.userError().message());
    }

    @Test
    void anotherExitIsPermanentWithACleanMessageAndTheStderrTailAsDetail() {
        StepException failure = assertThrows(StepException.class,
                () -> step("for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22; do echo line $i >&2; "
                        + "done; exit 3").run(context()));

        assertEquals(StepException.Category.PERMANENT, failure.category());
        assertEquals("exit_3", failure.userError().code());
        assertEquals("The count step failed: its command exited with status 3.", failure.userError().message());
        String detail = failure.getCause().getMessage();
        assertTrue(detail.contains("exited with status 3"), detail);
        assertTrue(detail.endsWith("line 22"), detail);
        assertFalse(detail.contains("line 2\n"), "only the last 20 lines are kept: " + detail);
    }

    @Test
    void aCommandCanSayWhatTheUserIsToldWhenItFails() {
        StepException failure = assertThrows(StepException.class,
                () -> step("echo 'error bad_header The file has no header row.'; exit 4").run(context()));

        assertEquals("bad_header", failure.userError().code());
        assertEquals("The file has no header row.", failure.userError().message());
    }

    @Test
    void aProgramThatDoesNotExistIsAPermanentFailure() {
        StepException failure = assertThrows(StepException.class,
                () -> step("no-such-program-anywhere {item}").run(context()));

        assertEquals("command_not_found", failure.userError().code());
    }

    @Test
    void stoppingTheStepKillsTheCommandAndEverythingItStarted() throws Exception {
        RecordingContext context = context();
        Path pidFile = dir.resolve("child.pid");
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                step("sleep 60 & echo $! > " + pidFile + "; wait").run(context);
                return null;
            } catch (Exception | Error e) {
                return e;
            }
        });
        long child = awaitPid(pidFile);
        assertTrue(ProcessHandle.of(child).map(ProcessTree::isRunning).orElse(false));

        context.cancelled = true;

        assertTrue(run.get(10, TimeUnit.SECONDS) instanceof CancellationException);
        assertFalse(ProcessHandle.of(child).map(ProcessTree::isRunning).orElse(false), "the background child is gone");
    }

    @Test
    void aCommandThatExitedZeroBeforeTheStopReachedItHasCompletedItsStep() throws Exception {
        RecordingContext context = context();
        Path pidFile = dir.resolve("command.pid");
        Path go = dir.resolve("go");
        Path finished = dir.resolve("finished.log");
        AtomicBoolean stopped = new AtomicBoolean();
        context.beforeCancelCheck = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    // the command does its work and exits 0; only then does the stop (Ctrl-C) reach the step
                    long command = awaitPid(pidFile);
                    Files.createFile(go);
                    awaitEnd(command);
                    context.cancelled = true;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };

        step("echo $$ > " + pidFile + "; while [ ! -e " + go + " ]; do sleep 0.01; done; echo done >> " + finished)
                .run(context);

        assertTrue(context.cancelled, "the stop came after the command's exit");
        assertEquals(List.of("done"), Files2.lines(finished), "the command did its work once");
    }

    private static void awaitEnd(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the command " + pid + " never exited");
            }
            Thread.sleep(10);
        }
    }

    static long awaitPid(Path pidFile) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files2.lines(pidFile);
            if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                return Long.parseLong(lines.getFirst().strip());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the command never wrote " + pidFile);
    }
}
