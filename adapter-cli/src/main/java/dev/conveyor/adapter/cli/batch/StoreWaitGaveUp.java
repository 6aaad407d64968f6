package dev.conveyor.adapter.cli.batch;

import dev.conveyor.port.out.StoreUnavailableException;

/**
 * A batch run ended because its store stayed unavailable for longer than the run may wait ({@code --db-wait}),
 * or because it was stopped while waiting. Its jobs are all in the store; the message says which of the two, and the
 * command says what to do next.
 */
public final class StoreWaitGaveUp extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreWaitGaveUp(String message, StoreUnavailableException cause) {
        super(message, cause);
    }
}
