package dev.conveyor.adapter.cli.terminal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How a long-running command learns that the user pressed Ctrl-C. The command keeps control: the interrupt
 * only asks it to stop, then waits for it to hand its jobs back and print what happened.
 */
@FunctionalInterface
public interface Interrupts {

    /**
     * Runs {@code body}; if the user interrupts meanwhile, {@code onInterrupt} runs once (on another thread)
     * and the process does not end before {@code body} has returned.
     */
    int guard(Runnable onInterrupt, IntSupplier body);

    /** Ctrl-C (SIGINT) and SIGTERM through a JVM shutdown hook: the JVM then exits with status 130. */
    static Interrupts shutdownHook() {
        return (onInterrupt, body) -> {
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                onInterrupt.run();
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "conveyor-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return body.getAsInt();
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the body is done
                }
            }
        };
    }
}
