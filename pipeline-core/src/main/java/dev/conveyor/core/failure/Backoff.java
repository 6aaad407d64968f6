package dev.conveyor.core.failure;

import dev.conveyor.pipeline.RetryPolicy;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * The waiting between attempts of a step, by resilience4j: exponential back-off with jitter, capped, as the
 * step's {@link RetryPolicy} says. A failure's retry-after hint lengthens the wait, never shortens it.
 */
public final class Backoff {

    private final Retry.AsyncContext<Object> attempts;
    private final Duration max;

    private Backoff(Retry.AsyncContext<Object> attempts, Duration max) {
        this.attempts = attempts;
        this.max = max;
    }

    /** A fresh sequence of attempts for one step in one run. */
    public static Backoff of(String name, RetryPolicy policy) {
        IntervalFunction interval = policy.jitter() > 0
                ? IntervalFunction.ofExponentialRandomBackoff(nonZero(policy.initialBackoff()), policy.multiplier(),
                        policy.jitter(), nonZero(policy.maxBackoff()))
                : IntervalFunction.ofExponentialBackoff(nonZero(policy.initialBackoff()), policy.multiplier(),
                        nonZero(policy.maxBackoff()));
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(interval)
                .retryOnException(any -> true)
                .build();
        return new Backoff(Retry.of(name, config).asyncContext(), policy.maxBackoff());
    }

    /**
     * Records a transient failure.
     *
     * @return how long to wait before the next attempt, or empty when the attempts are spent
     */
    public Optional<Duration> afterFailure(Throwable failure, Optional<Duration> retryAfter) {
        long millis = attempts.onError(failure);
        if (millis < 0) {
            return Optional.empty();
        }
        Duration wait = Duration.ofMillis(millis);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            Duration hinted = retryAfter.get();
            wait = hinted.compareTo(max.multipliedBy(10)) > 0 ? max.multipliedBy(10) : hinted;
        }
        return Optional.of(wait);
    }

    private static Duration nonZero(Duration d) {
        return d.isZero() ? Duration.ofMillis(1) : d;
    }
}
