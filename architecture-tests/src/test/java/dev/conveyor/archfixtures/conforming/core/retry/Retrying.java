package dev.conveyor.archfixtures.conforming.core.retry;

import dev.conveyor.archfixtures.conforming.core.progress.Percent;
import io.github.resilience4j.core.functions.CheckedRunnable;
import io.github.resilience4j.retry.Retry;

public final class Retrying {

    private final Retry retry = Retry.ofDefaults("fixture");

    public void run(CheckedRunnable work) {
        try {
            retry.executeCheckedSupplier(() -> {
                work.run();
                return Percent.of(1, 1);
            });
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
