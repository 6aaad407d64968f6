package dev.conveyor.adapter.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryNotificationOutbox;
import dev.conveyor.model.Delivery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email through a real SMTP server in the test JVM (GreenMail): the tenant's reviewers are mailed when a job waits
 * for review, the owner (and the address the job's input names) when it completes, with a link to the job on the
 * dashboard; an SMTP server that is down is retried until it is up.
 */
class EmailDeliveryTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RetrySchedule FAST = new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(60));

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox();
    private final List<AutoCloseable> open = new ArrayList<>();
    private GreenMail smtp;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void reviewersAreMailedWhenAReviewIsNeededAndTheOwnerWhenTheJobCompletes() throws Exception {
        int port = freePort();
        startSmtp(port);
        Conveyor engine = engine(port);

        Job job = engine.submit(SubmitJob.startNow(ACME, TestPipelines.REVIEWED,
                Payload.of("file", "a.pdf", "owner_email", "submitter@acme.example"))).orElseThrow();
        Job paused = engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow();
        assertEquals(JobStatus.AWAITING_REVIEW, paused.status());

        Waits.until(() -> smtp.getReceivedMessages().length == 1, 10, "the review-needed mail arrives");
        MimeMessage review = smtp.getReceivedMessages()[0];
        assertEquals("Review needed: reviewed job " + job.id().toString().substring(0, 8), review.getSubject());
        assertEquals(List.of("reviewers@acme.example"), recipients(review));
        assertEquals("conveyor@example.com", review.getFrom()[0].toString());
        String reviewText = GreenMailUtil.getBody(review);
        assertTrue(reviewText.contains("waiting for a review of 1 item at step review"), reviewText);
        assertTrue(reviewText.contains("https://conveyor.example.com/#/jobs/" + job.id()), reviewText);

        engine.resume(ACME, job.id(), List.of(new ReviewDecision("invoice-7", true, Optional.empty())))
                .orElseThrow();
        assertEquals(JobStatus.COMPLETED, engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow()
                .status());

        Waits.until(() -> smtp.getReceivedMessages().length == 3, 10, "the completion mail reaches both recipients");
        MimeMessage ready = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).startsWith("Ready:")).findFirst().orElseThrow();
        assertEquals(List.of("owner@acme.example", "submitter@acme.example"), recipients(ready));
        String readyText = GreenMailUtil.getBody(ready);
        assertTrue(readyText.contains("has completed"), readyText);
        assertTrue(readyText.contains("https://conveyor.example.com/#/jobs/" + job.id()), readyText);
        // A mail reaches the server before its sender records the delivery as done: wait for the record.
        Waits.until(() -> {
            List<Delivery> recorded = outbox.deliveries(ACME, Optional.of(job.id()), 10);
            return recorded.size() == 2 && recorded.stream().allMatch(d -> d.status() == Delivery.Status.DELIVERED);
        }, 10, "both deliveries are recorded as done");
        List<Delivery> log = outbox.deliveries(ACME, Optional.of(job.id()), 10);
        assertEquals(2, log.size());
        assertTrue(log.stream().allMatch(d -> d.status() == Delivery.Status.DELIVERED && d.channel().equals("email")));
    }

    @Test
    void anSmtpServerThatIsDownIsRetriedUntilItIsUp() throws Exception {
        int port = freePort();
        Conveyor engine = engine(port);

        Job job = engine.submit(SubmitJob.startNow(ACME, TestPipelines.WORK, Payload.of("file", "a.pdf")))
                .orElseThrow();
        assertEquals(JobStatus.COMPLETED, engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow()
                .status(), "the job completes while mail cannot be sent");
        Waits.until(() -> outbox.deliveries(ACME, Optional.of(job.id()), 1).stream()
                .anyMatch(d -> d.attempts() >= 2), 10, "attempts fail and are retried");
        Delivery failing = outbox.deliveries(ACME, Optional.of(job.id()), 1).getFirst();
        assertEquals(Delivery.Status.PENDING, failing.status());
        assertTrue(failing.lastResult().orElseThrow().startsWith("SMTP"), failing.lastResult().get());

        startSmtp(port);

        Waits.until(() -> smtp.getReceivedMessages().length == 1, 10, "delivered once the server is up");
        Waits.until(() -> outbox.deliveries(ACME, Optional.of(job.id()), 1).getFirst().status()
                == Delivery.Status.DELIVERED, 10, "logged delivered");
    }

    private void startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("conveyor@example.com", "conveyor", "s3cret");
        smtp.start();
    }

    private Conveyor engine(int smtpPort) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", smtpPort, Optional.of("conveyor"),
                Optional.of("s3cret"), "none", "conveyor@example.com", Duration.ofSeconds(5));
        NotifyConfig config = new NotifyConfig(List.of(), List.of(
                new EmailRecipients(new Subscription(Optional.of(ACME), Set.of(NotificationEvent.REVIEW_NEEDED)),
                        List.of("reviewers@acme.example"), Optional.empty()),
                new EmailRecipients(new Subscription(Optional.of(ACME), Set.of(NotificationEvent.COMPLETED)),
                        List.of("owner@acme.example"), Optional.of("owner_email"))),
                Optional.of(settings), Optional.of(URI.create("https://conveyor.example.com")), FAST);
        Notifier notifier = Notifier.builder(config, outbox, store).pollInterval(Duration.ofMillis(20))
                .attemptTimeout(Duration.ofSeconds(5)).start();
        open.add(notifier);
        Conveyor engine = Conveyor.builder().store(store).pipelines(TestPipelines.all()).workers(2)
                .pollInterval(Duration.ofMillis(20)).notifications(notifier).start();
        open.add(engine);
        return engine;
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
