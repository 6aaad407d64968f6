package dev.conveyor.core.failure;

import dev.conveyor.pipeline.RetryPolicy;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.out.ErrorClassifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ClassificationAndBackoffTest {

    private final DefaultErrorClassifier classifier = new DefaultErrorClassifier();

    @Test
    void timeoutsAndConnectionErrorsAnywhereInTheChainAreTransient() {
        assertInstanceOf(ErrorClassifier.Transient.class, classifier.classify(new TimeoutException()));
        assertInstanceOf(ErrorClassifier.Transient.class, classifier.classify(new HttpTimeoutException("slow")));
        assertInstanceOf(ErrorClassifier.Transient.class,
                classifier.classify(new UncheckedIOException(new ConnectException("refused"))));
        assertInstanceOf(ErrorClassifier.Transient.class,
                classifier.classify(new RuntimeException("wrapped", new ConnectException("refused"))));
    }

    @Test
    void httpStatusesSplitIntoTransientAndPermanent() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertInstanceOf(ErrorClassifier.Transient.class,
                    classifier.classify(StepException.httpStatus(status, Optional.empty(), "API")), "" + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            assertInstanceOf(ErrorClassifier.Permanent.class,
                    classifier.classify(StepException.httpStatus(status, Optional.empty(), "API")), "" + status);
        }
    }

    @Test
    void aStepExceptionKeepsItsOwnUserErrorAndRetryAfter() {
        var classified = classifier.classify(StepException.transientFailure("The LLM is busy.", Duration.ofSeconds(7),
                null));

        var t = assertInstanceOf(ErrorClassifier.Transient.class, classified);
        assertEquals("The LLM is busy.", t.userError().message());
        assertEquals(Optional.of(Duration.ofSeconds(7)), t.retryAfter());
    }

    @Test
    void anythingElseIsPermanentWithAGenericMessage() {
        var p = assertInstanceOf(ErrorClassifier.Permanent.class,
                classifier.classify(new IOException("disk quota of /var/secret exceeded")));

        assertEquals("step_failed", p.userError().code());
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCapAndStopsWhenAttemptsAreSpent() {
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(6).withJitter(0)
                .withBackoff(Duration.ofSeconds(1), 3.0, Duration.ofSeconds(10));
        Backoff backoff = Backoff.of("step", policy);
        RuntimeException failure = new RuntimeException();

        assertEquals(Optional.of(Duration.ofSeconds(1)), backoff.afterFailure(failure, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(3)), backoff.afterFailure(failure, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(9)), backoff.afterFailure(failure, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(10)), backoff.afterFailure(failure, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(10)), backoff.afterFailure(failure, Optional.empty()));
        assertEquals(Optional.empty(), backoff.afterFailure(failure, Optional.empty()));
    }

    @Test
    void aRetryAfterHintNeverShortensTheWait() {
        Backoff backoff = Backoff.of("step", RetryPolicy.defaults().withJitter(0));

        assertEquals(Optional.of(Duration.ofSeconds(1)),
                backoff.afterFailure(new RuntimeException(), Optional.of(Duration.ofMillis(10))));
        assertEquals(Optional.of(Duration.ofSeconds(5)),
                backoff.afterFailure(new RuntimeException(), Optional.of(Duration.ofSeconds(5))));
    }
}
