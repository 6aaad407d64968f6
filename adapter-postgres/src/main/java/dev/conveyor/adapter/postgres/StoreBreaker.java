package dev.conveyor.adapter.postgres;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The circuit breaker around every database call (resilience4j). While PostgreSQL answers, calls go through and
 * it counts their outcomes; when half of the last four calls (at least two) failed with an outage, it opens, and
 * from then on every call fails at once with {@link PostgresUnavailableException}, telling when the next probe
 * is due ({@link PostgresUnavailableException#retryAfter()}). No caller's request is used as a probe, so none
 * waits on a database that is down: every {@code wait} a thread of its own moves the breaker to half-open and
 * sends one probe ({@code select 1}, bounded by the connect and statement timeouts); success closes the breaker,
 * failure opens it for another {@code wait}.
 *
 * <p>Only outages count as failures: the database down, unreachable or not answering within the statement
 * timeout, or transient failures outlasting the retries. A refused write (a constraint, a lost compare-and-set)
 * proves the database answers.
 */
final class StoreBreaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreBreaker.class);

    private final CircuitBreaker breaker;
    private final String where;
    private final Duration wait;
    private final Runnable probe;
    private final ScheduledExecutorService prober;
    private volatile long openedAt = System.nanoTime();
    private volatile long outageStartedAt;

    StoreBreaker(String where, Duration wait, Runnable probe) {
        this.where = where;
        this.wait = wait;
        this.probe = probe;
        this.breaker = CircuitBreaker.of("postgres", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4)
                .minimumNumberOfCalls(2)
                .failureRateThreshold(50)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(wait)
                .recordException(failure -> failure instanceof PostgresUnavailableException unavailable
                        && unavailable.outage())
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    openedAt = System.nanoTime();
                    if (event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                        outageStartedAt = openedAt;
                        LOG.warn("PostgreSQL at {} is unavailable: calls fail at once, without waiting, and it is "
                                + "probed every {} ms until it answers", where, wait.toMillis());
                    }
                }
                case CLOSED -> LOG.warn("PostgreSQL at {} answers again after {} ms; calls go through", where,
                        (System.nanoTime() - outageStartedAt) / 1_000_000);
                default -> {
                    // half-open: the probe decides
                }
            }
        });
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "conveyor-postgres-probe");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(10, wait.toMillis() / 4);
        prober.scheduleWithFixedDelay(this::probeWhenDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code call} while the breaker is closed, recording its outcome; fails at once otherwise. */
    <T> T call(Supplier<T> call) {
        requireClosed();
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw unavailable(e);
        }
    }

    void requireClosed() {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            throw unavailable(null);
        }
    }

    boolean closed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** Sends the probe once the breaker has been open for {@code wait}. */
    private void probeWhenDue() {
        if (breaker.getState() != CircuitBreaker.State.OPEN || System.nanoTime() - openedAt < wait.toNanos()) {
            return;
        }
        try {
            breaker.transitionToHalfOpenState();
            breaker.executeRunnable(probe);
        } catch (RuntimeException e) {
            if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                breaker.transitionToOpenState(); // a failure that is not an outage still does not prove it back
            }
            LOG.debug("PostgreSQL at {} is still unavailable: {}", where, e.getMessage());
        }
    }

    private PostgresUnavailableException unavailable(Throwable cause) {
        long waited = System.nanoTime() - openedAt;
        Duration nextProbe = Duration.ofNanos(Math.max(0, wait.toNanos() - waited));
        return new PostgresUnavailableException("PostgreSQL at " + where + " is unavailable: recent calls failed, "
                + "so none is sent until a probe finds it answering again (next probe in " + nextProbe.toMillis()
                + " ms). Check that the database is running and reachable.", false,
                nextProbe.isZero() ? wait : nextProbe, cause);
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
