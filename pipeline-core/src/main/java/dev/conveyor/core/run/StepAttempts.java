package dev.conveyor.core.run;

import dev.conveyor.core.failure.Backoff;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.StepDefinition;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.ErrorClassifier;
import dev.conveyor.port.out.ErrorClassifier.Classification;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs one step to its end: attempt, classify a failure, back off and try again while the failure is
 * transient and attempts remain, interrupting attempts that outlive the step's timeout.
 */
final class StepAttempts {

    private final ErrorClassifier classifier;
    private final Sleeper sleeper;
    private final Hooks hooks;
    private final EngineEvents events;

    StepAttempts(ErrorClassifier classifier, Sleeper sleeper, Hooks hooks, EngineEvents events) {
        this.classifier = classifier;
        this.sleeper = sleeper;
        this.hooks = hooks;
        this.events = events;
    }

    StepResult run(StepDefinition step, LiveStepContext context, Job job) {
        Backoff backoff = null;
        for (int attempt = 1; ; attempt++) {
            context.nextAttempt(attempt);
            if (context.stopReason() != null) {
                return new StepResult.Stopped(context.stopReason());
            }
            Throwable failure = attempt(step, context);
            if (failure == null) {
                return new StepResult.Succeeded(attempt);
            }
            if (context.stopReason() != null) {
                return new StepResult.Stopped(context.stopReason());
            }
            boolean timedOut = failure instanceof AttemptTimedOut;
            Classification classification = timedOut
                    ? new ErrorClassifier.Transient(tookTooLong(step, attempt), Optional.empty())
                    : classifier.classify(failure);
            String detail = detail(failure);
            if (classification instanceof ErrorClassifier.Permanent permanent) {
                return new StepResult.Failed(permanent.userError(), detail, attempt);
            }
            ErrorClassifier.Transient transientFailure = (ErrorClassifier.Transient) classification;
            if (backoff == null) {
                backoff = Backoff.of(step.name(), step.retry());
            }
            Optional<Duration> wait = backoff.afterFailure(failure, transientFailure.retryAfter());
            if (wait.isEmpty()) {
                UserError error = timedOut ? tookTooLong(step, attempt) : transientFailure.userError();
                return new StepResult.Failed(error, detail, attempt);
            }
            int tried = attempt;
            Duration delay = wait.get();
            events.stepRetried(job.pipeline(), step.name(),
                    timedOut ? tookTooLong(step, attempt).code() : transientFailure.userError().code());
            hooks.audit(job, AuditTypes.stepRetry(step.name()), () -> Payload.of("attempt", tried,
                    "wait_ms", delay.toMillis()).with("detail", detail));
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StepResult.Stopped(context.stopReason() != null ? context.stopReason() : "interrupted");
            }
        }
    }

    /** @return null on success, else what the attempt threw */
    private Throwable attempt(StepDefinition step, LiveStepContext context) {
        if (step.timeout().isEmpty()) {
            return invoke(step, context);
        }
        Watchdog watchdog = Watchdog.watch(context, step.timeout().get(), sleeper);
        Throwable failure = invoke(step, context);
        if (watchdog.finish()) {
            return new AttemptTimedOut(step.timeout().get(), failure);
        }
        return failure;
    }

    private static Throwable invoke(StepDefinition step, LiveStepContext context) {
        try {
            step.action().run(context);
            return null;
        } catch (Exception | LinkageError | AssertionError e) {
            return e;
        }
    }

    private static UserError tookTooLong(StepDefinition step, int attempts) {
        return UserError.of("step_timeout", "The " + step.name() + " step took too long (over "
                + human(step.timeout().orElse(Duration.ZERO)) + ") and was stopped after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + ". Retry the job; if it keeps happening, the input "
                + "may be too large for this step.");
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String detail(Throwable failure) {
        StringBuilder detail = new StringBuilder();
        for (Throwable t = failure; t != null && detail.length() < 2000; t = t.getCause()) {
            if (!detail.isEmpty()) {
                detail.append(" <- ");
            }
            detail.append(t.getClass().getName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return detail.toString();
    }

    /** The failure of an attempt that ran out of time. */
    static final class AttemptTimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        AttemptTimedOut(Duration timeout, Throwable cause) {
            super("step attempt exceeded its timeout of " + timeout, cause);
        }
    }
}
