package dev.conveyor.core.hooks;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Fires audit events and notifications without letting them touch the job: each runs on its kind's hook executor
 * (by default a bounded {@link HookQueue} each), and whatever it throws is logged and dropped. An audit log the
 * job store keeps itself ({@link AuditHook#isKeptBy}) gets a run's transition events with the writes that commit
 * them instead (see {@link TransitionAudit}), and only the other events through the executor; a notification hook
 * the store keeps ({@link NotificationHook#isKeptBy}) hears from the store's outbox instead.
 */
public final class Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);
    /** The hook kinds told to {@link EngineEvents}. */
    public static final String AUDIT = "audit";
    public static final String NOTIFICATION = "notification";

    private final List<AuditHook> audit;
    private final List<AuditHook> aside;
    private final boolean storeKeepsAudit;
    private final List<NotificationHook> notifications;
    private final Executor auditOn;
    private final Executor notifyOn;
    private final Clock clock;
    private final EngineEvents events;

    /**
     * @param auditOn  where audit hooks run
     * @param notifyOn where notification hooks run
     * @param store    the job store, which may keep some of the audit hooks itself ({@link AuditHook#isKeptBy})
     */
    public Hooks(List<AuditHook> audit, List<NotificationHook> notifications, Executor auditOn, Executor notifyOn,
                 Clock clock, JobStore store, EngineEvents events) {
        this.audit = List.copyOf(audit);
        this.aside = this.audit.stream().filter(hook -> !hook.isKeptBy(store)).toList();
        this.storeKeepsAudit = this.aside.size() < this.audit.size();
        // A notification hook the store keeps gets its news from the outbox written with the audit log's events.
        this.notifications = notifications.stream()
                .filter(hook -> !(storeKeepsAudit && hook.isKeptBy(store))).toList();
        this.auditOn = auditOn;
        this.notifyOn = notifyOn;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Records {@code pipeline_<what>} for the job, with details (built only when someone listens), through every
     * audit hook: for events that no write carries.
     */
    public void audit(Job job, String type, Supplier<Payload> details) {
        event(job, type, details).ifPresent(event -> dispatch(event, audit));
    }

    /** The event, stamped now, when any audit hook listens. */
    Optional<AuditEvent> event(Job job, String type, Supplier<Payload> details) {
        if (audit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditEvent(job.tenant(), job.id(), type, clock.instant(), details.get()));
    }

    /** Whether the store keeps an audit log, so transition events must travel with the writes. */
    boolean storeKeepsAudit() {
        return storeKeepsAudit;
    }

    /** Hands the event to the audit hooks the store does not keep. */
    void dispatchAside(AuditEvent event) {
        dispatch(event, aside);
    }

    private void dispatch(AuditEvent event, List<AuditHook> hooks) {
        for (AuditHook hook : hooks) {
            dispatch(auditOn, () -> hook.record(event), event.type(), AUDIT);
        }
    }

    public void notify(Notification notification) {
        for (NotificationHook hook : notifications) {
            dispatch(notifyOn, () -> hook.send(notification), notification.getClass().getSimpleName(),
                    NOTIFICATION);
        }
    }

    private void dispatch(Executor executor, HookCall call, String what, String kind) {
        try {
            events.hookQueued(kind);
            executor.execute(() -> {
                events.hookStarted(kind);
                try {
                    call.run();
                } catch (Exception | LinkageError e) {
                    LOG.warn("hook for {} failed; the job is not affected", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            events.hookStarted(kind);
            events.hookDropped(kind);
            LOG.warn("hook for {} dropped: the hook executor is shut down", what);
        }
    }

    @FunctionalInterface
    private interface HookCall {
        void run() throws Exception;
    }
}
