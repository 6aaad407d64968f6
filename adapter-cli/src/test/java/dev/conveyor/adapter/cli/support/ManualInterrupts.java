package dev.conveyor.adapter.cli.support;

import dev.conveyor.adapter.cli.terminal.Interrupts;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/** Ctrl-C on demand: {@link #fire()} interrupts whatever command is guarding at the moment. */
public final class ManualInterrupts implements Interrupts {

    private final AtomicReference<Runnable> current = new AtomicReference<>();
    private final CountDownLatch guarding = new CountDownLatch(1);

    @Override
    public int guard(Runnable onInterrupt, IntSupplier body) {
        current.set(onInterrupt);
        guarding.countDown();
        try {
            return body.getAsInt();
        } finally {
            current.set(null);
        }
    }

    /** Waits until a command guards, then interrupts it. */
    public void fire() throws InterruptedException {
        if (!guarding.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no command started guarding within 30 s");
        }
        Runnable handler = current.get();
        if (handler != null) {
            handler.run();
        }
    }
}
