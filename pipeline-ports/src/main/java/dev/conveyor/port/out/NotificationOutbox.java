package dev.conveyor.port.out;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.model.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The notifications' outbox and delivery log. News arrives as {@link OutboxEvent}s, is planned into one
 * {@link Delivery} per receiver, and each delivery is tried until delivered or dead. A shared store writes a
 * transition's events in that transition's transaction ({@link #isWrittenBy}) and lets many processes deliver:
 * each event and each due delivery goes to one of them at a time.
 */
public interface NotificationOutbox {

    /**
     * Whether {@code store} writes the events of its transitions into this outbox itself, in the transitions'
     * transactions, when it keeps the audit log ({@link AuditHook#isKeptBy}): the engine then need not hand them on.
     */
    boolean isWrittenBy(JobStore store);

    /** Adds news no transition's write carried. */
    void add(OutboxEvent event);

    /**
     * Takes up to {@code max} waiting events, oldest first, and replaces each with the deliveries {@code plan}
     * gives it (none, when nobody subscribed), due at once. Atomic per call: an event is planned exactly once.
     *
     * @return how many events were planned
     */
    int plan(int max, Instant now, Function<OutboxEvent, List<Delivery.Planned>> plan);

    /**
     * Claims up to {@code max} pending deliveries due at {@code now}, oldest first: each counts an attempt and is
     * not due again before {@code now + lease}, so no other process attempts it meanwhile.
     */
    List<Delivery> claimDue(int max, Instant now, Duration lease);

    /** Records what an attempt of delivery {@code id} came to, at {@code now}. */
    void record(long id, Delivery.Outcome outcome, Instant now);

    /** The tenant's deliveries, newest first, of one job or of all, at most {@code limit}. */
    List<Delivery> deliveries(TenantId tenant, Optional<JobId> job, int limit);
}
