package dev.conveyor.core.hooks;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.NotificationHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Fires audit events and notifications without letting them touch the job: each runs on the hook executor,
 * and whatever it throws is logged and dropped.
 */
public final class Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    private final List<AuditHook> audit;
    private final List<NotificationHook> notifications;
    private final Executor executor;
    private final Clock clock;

    public Hooks(List<AuditHook> audit, List<NotificationHook> notifications, Executor executor, Clock clock) {
        this.audit = List.copyOf(audit);
        this.notifications = List.copyOf(notifications);
        this.executor = executor;
        this.clock = clock;
    }

    /** Records {@code pipeline_<what>} for the job, with details (built only when someone listens). */
    public void audit(Job job, String type, Supplier<Payload> details) {
        if (audit.isEmpty()) {
            return;
        }
        AuditEvent event = new AuditEvent(job.tenant(), job.id(), type, clock.instant(), details.get());
        for (AuditHook hook : audit) {
            dispatch(() -> hook.record(event), type);
        }
    }

    public void notify(Notification notification) {
        for (NotificationHook hook : notifications) {
            dispatch(() -> hook.send(notification), notification.getClass().getSimpleName());
        }
    }

    private void dispatch(HookCall call, String what) {
        try {
            executor.execute(() -> {
                try {
                    call.run();
                } catch (Exception | LinkageError e) {
                    LOG.warn("hook for {} failed; the job is not affected", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("hook for {} dropped: the hook executor is shut down", what);
        }
    }

    @FunctionalInterface
    private interface HookCall {
        void run() throws Exception;
    }
}
