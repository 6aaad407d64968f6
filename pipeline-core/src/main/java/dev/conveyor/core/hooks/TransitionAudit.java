package dev.conveyor.core.hooks;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The audit events of one job's run on their way out. An audit log the store keeps itself gets each event with
 * the write of the transition it records, in that write's transaction ({@code JobStore.update(job, events)}), so
 * it holds an event exactly when its transition committed; the other audit hooks hear of events when they always
 * did: at once for what has happened, after the commit for what a write does. Not thread-safe: one per run.
 */
public final class TransitionAudit {

    private final Hooks hooks;
    private final List<AuditEvent> pending = new ArrayList<>();

    public TransitionAudit(Hooks hooks) {
        this.hooks = hooks;
    }

    /** Something has happened (a step completed, was skipped): the other hooks hear now, the store's log with the next write. */
    public void happened(Job job, String type, Supplier<Payload> details) {
        hooks.event(job, type, details).ifPresent(event -> {
            hooks.dispatchAside(event);
            keep(event);
        });
    }

    /**
     * The next write makes this happen (a step starts, the job completes): the store's log gets the event with
     * that write; hand the returned one to {@link #committed} once it has.
     */
    public Optional<AuditEvent> onNextWrite(Job job, String type, Supplier<Payload> details) {
        Optional<AuditEvent> event = hooks.event(job, type, details);
        event.ifPresent(this::keep);
        return event;
    }

    /** The write that carried {@code event} committed: the other hooks hear of it now. */
    public void committed(Optional<AuditEvent> event) {
        event.ifPresent(hooks::dispatchAside);
    }

    /** The events the next write carries: empty unless the store keeps an audit log. */
    public List<AuditEvent> pending() {
        return List.copyOf(pending);
    }

    /** The write that carried {@link #pending()} committed. */
    public void written() {
        pending.clear();
    }

    private void keep(AuditEvent event) {
        if (hooks.storeKeepsAudit()) {
            pending.add(event);
        }
    }
}
