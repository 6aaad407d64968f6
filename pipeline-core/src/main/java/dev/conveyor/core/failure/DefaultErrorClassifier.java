package dev.conveyor.core.failure;

import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.out.ErrorClassifier;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The classification Conveyor uses unless told otherwise: a {@link StepException} says what it is; timeouts
 * and connection failures anywhere in the cause chain are transient; everything else is permanent and shown
 * to the user as an unexpected error, its detail kept for the audit log.
 */
public final class DefaultErrorClassifier implements ErrorClassifier {

    static final UserError UNEXPECTED = UserError.of("step_failed",
            "This step failed unexpectedly. Retry the job; if it fails again, contact support.");
    static final UserError UNREACHABLE = UserError.of("temporarily_unavailable",
            "A service this step needs could not be reached. We retried; please retry the job later.");

    @Override
    public Classification classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StepException step) {
                return step.category() == StepException.Category.TRANSIENT
                        ? new Transient(step.userError(), step.retryAfter())
                        : new Permanent(step.userError());
            }
            if (isTransient(t)) {
                return new Transient(UNREACHABLE, Optional.empty());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new Permanent(UNEXPECTED);
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof TimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof InterruptedIOException
                || t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException
                || t instanceof SocketException
                || t instanceof UncheckedIOException u && u.getCause() instanceof SocketException;
    }
}
