package dev.conveyor.adapter.notify;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.Notification;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import dev.conveyor.port.out.NotificationOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers notifications, signed webhooks and email, from a {@link NotificationOutbox}: a
 * {@link NotificationHook} for the engine and a delivery loop of its own. News reaches the outbox with its
 * transition when the store writes it ({@link #isKeptBy}: PostgreSQL, durable), else through {@link #send} after
 * the transition (in memory, best effort). The loop plans each event into deliveries, attempts the due ones on
 * threads of its own (at most {@code inFlight} at once), and retries failures by the {@link RetrySchedule} until
 * they are delivered or dead. A slow or failing receiver never touches a job: the engine only ever adds to the
 * outbox.
 *
 * <pre>{@code
 * NotifyConfig config = NotifyConfig.fromEnvironment(System.getenv()).orElseThrow();
 * try (Notifier notifier = Notifier.builder(config, postgres.notificationOutbox(), postgres.jobStore()).start()) {
 *     Conveyor.builder().store(postgres.jobStore()).audit(postgres.auditLog()).notifications(notifier)...start();
 * }
 * }</pre>
 */
public final class Notifier implements NotificationHook, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int PLAN_BATCH = 50;

    private final NotificationOutbox outbox;
    private final JobStore jobs;
    private final Routes routes;
    private final Map<String, Channel> channels;
    private final RetrySchedule retry;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("conveyor-notify-", 0).factory());
    private final Semaphore wake = new Semaphore(0);
    private final Thread loop;
    private volatile boolean running = true;

    private Notifier(Builder builder) {
        this.outbox = builder.outbox;
        this.jobs = builder.jobs;
        this.routes = new Routes(builder.config);
        this.retry = builder.config.retry();
        this.clock = builder.clock;
        this.pollInterval = builder.pollInterval;
        this.maxInFlight = builder.inFlight;
        this.inFlight = new Semaphore(builder.inFlight);
        this.lease = builder.timeout.multipliedBy(2).plusSeconds(30);
        Map<String, Channel> byName = new HashMap<>();
        byName.put(WebhookChannel.NAME, new WebhookChannel(builder.config.webhooks(), builder.timeout, clock));
        builder.config.smtp().ifPresent(smtp -> byName.put(EmailChannel.NAME, new EmailChannel(smtp, clock)));
        this.channels = Map.copyOf(byName);
        this.loop = Thread.ofPlatform().daemon().name("conveyor-notifier").unstarted(this::run);
    }

    /** A notifier sending by {@code config} from {@code outbox}, reading the jobs it tells of from {@code jobs}. */
    public static Builder builder(NotifyConfig config, NotificationOutbox outbox, JobStore jobs) {
        return new Builder(config, outbox, jobs);
    }

    /** Best effort, for news no transition's write carried into the outbox: it goes in now. */
    @Override
    public void send(Notification notification) {
        outbox.add(OutboxEvent.of(notification, clock.instant()));
        wake.release();
    }

    /** The store writes the outbox itself, in each transition's transaction. */
    @Override
    public boolean isKeptBy(JobStore store) {
        return outbox.isWrittenBy(store);
    }

    private void run() {
        while (running) {
            try {
                if (step() == 0) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("notification delivery could not reach the outbox; trying again in {}", pollInterval, e);
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Plans waiting events and starts the due attempts there is room for; returns how much it did. */
    int step() {
        Instant now = clock.instant();
        int planned = outbox.plan(PLAN_BATCH, now, event -> routes.plan(event, jobs.find(event.tenant(),
                event.jobId())));
        int room = inFlight.availablePermits();
        List<Delivery> due = room == 0 ? List.of() : outbox.claimDue(room, now, lease);
        for (Delivery delivery : due) {
            inFlight.acquireUninterruptibly();
            attempts.execute(() -> {
                try {
                    attempt(delivery);
                } finally {
                    inFlight.release();
                    wake.release();
                }
            });
        }
        return planned + due.size();
    }

    private void attempt(Delivery delivery) {
        Channel.Attempt result = attemptOn(channels.get(delivery.channel()), delivery);
        Instant now = clock.instant();
        Delivery.Outcome outcome;
        if (result.delivered()) {
            outcome = new Delivery.Outcome.Delivered(result.result());
        } else if (result.permanent()) {
            outcome = new Delivery.Outcome.Dead(result.result());
        } else {
            Optional<Instant> next = retry.next(delivery.attempts(), delivery.createdAt(), now,
                    ThreadLocalRandom.current().nextDouble());
            outcome = next.<Delivery.Outcome>map(at -> new Delivery.Outcome.RetryAt(at, result.result()))
                    .orElseGet(() -> new Delivery.Outcome.Dead(result.result() + " (gave up after "
                            + delivery.attempts() + " attempts)"));
        }
        if (outcome instanceof Delivery.Outcome.Dead) {
            LOG.warn("{} delivery {} of {} to {} is dead: {}", delivery.channel(), delivery.messageId(),
                    delivery.event().wireName(), delivery.target(), outcome.result());
        }
        try {
            outbox.record(delivery.id(), outcome, now);
        } catch (RuntimeException e) {
            // the claim's lease runs out and another attempt follows: at least once
            LOG.warn("could not record the outcome of delivery {}; it will be attempted again", delivery.id(), e);
        }
    }

    private static Channel.Attempt attemptOn(Channel channel, Delivery delivery) {
        if (channel == null) {
            return Channel.Attempt.refused("no " + delivery.channel() + " channel is configured");
        }
        try {
            return channel.attempt(delivery);
        } catch (RuntimeException e) {
            return Channel.Attempt.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Stops the loop and waits a little for attempts in flight; those cut short are attempted again later. */
    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(5_000);
            attempts.shutdown();
            if (!attempts.awaitTermination(5, TimeUnit.SECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            attempts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Attempts in flight now. */
    int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /** Options with defaults: the system clock, polling every second, 10 s per attempt, 16 attempts at once. */
    public static final class Builder {

        private final NotifyConfig config;
        private final NotificationOutbox outbox;
        private final JobStore jobs;
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration timeout = Duration.ofSeconds(10);
        private int inFlight = 16;

        private Builder(NotifyConfig config, NotificationOutbox outbox, JobStore jobs) {
            this.config = Objects.requireNonNull(config, "config must not be null");
            this.outbox = Objects.requireNonNull(outbox, "outbox must not be null");
            this.jobs = Objects.requireNonNull(jobs, "jobs must not be null");
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /** How often the outbox is looked at when nothing woke the loop. */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /** How long one attempt may take: connecting, then answering. */
        public Builder attemptTimeout(Duration value) {
            this.timeout = positive(value, "attemptTimeout");
            return this;
        }

        /** How many attempts may be in flight at once. */
        public Builder inFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("inFlight must be at least 1, got " + value);
            }
            this.inFlight = value;
            return this;
        }

        /** The notifier, its loop running. */
        public Notifier start() {
            Notifier notifier = new Notifier(this);
            notifier.loop.start();
            return notifier;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
