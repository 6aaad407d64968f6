package dev.conveyor.core.store;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.JobStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An audit log in memory, readable back a page at a time: the engine's default when no other trail is given. The
 * in-memory job store keeps one ({@link InMemoryJobStore#auditLog()}), written with its transitions; beside
 * another store it is an audit hook like any other. Events are numbered as they arrive and read in time order (ties
 * in arrival order). Bounded like anything kept in a process: the events of the {@value #MAX_JOBS} jobs heard of
 * most recently, at most {@value #MAX_PER_JOB} each (the oldest go first).
 */
public final class InMemoryAuditLog implements AuditHook, AuditTrail {

    static final int MAX_JOBS = 100_000;
    static final int MAX_PER_JOB = 10_000;

    private static final Comparator<Numbered> ORDER = Comparator.comparing((Numbered n) -> n.event().at())
            .thenComparingLong(Numbered::seq);

    private final Map<Key, List<Numbered>> byJob = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Numbered>> eldest) {
            return size() > MAX_JOBS;
        }
    };
    private final JobStore keeper;
    private long next;

    /** A log of its own, heard through the hook executor like any audit hook. */
    public InMemoryAuditLog() {
        this(null);
    }

    InMemoryAuditLog(JobStore keeper) {
        this.keeper = keeper;
    }

    @Override
    public boolean isKeptBy(JobStore store) {
        return keeper != null && store == keeper;
    }

    /** The events a write of the store that keeps this log carried. */
    synchronized void keep(List<AuditEvent> events) {
        events.forEach(this::record);
    }

    /** A removed job's events go with it. */
    synchronized void forget(TenantId tenant, JobId id) {
        byJob.remove(new Key(tenant, id));
    }

    @Override
    public synchronized void record(AuditEvent event) {
        List<Numbered> events = byJob.computeIfAbsent(new Key(event.tenant(), event.jobId()), k -> new ArrayList<>());
        if (events.size() >= MAX_PER_JOB) {
            events.sort(ORDER);
            events.removeFirst();
        }
        events.add(new Numbered(++next, event));
    }

    @Override
    public synchronized AuditPage events(TenantId tenant, JobId id, AuditQuery query) {
        long after = query.cursor().map(InMemoryAuditLog::parseCursor).orElse(0L);
        List<Numbered> events = new ArrayList<>(byJob.getOrDefault(new Key(tenant, id), List.of()));
        events.sort(ORDER);
        int start = 0;
        if (after > 0) {
            start = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).seq() == after) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw new IllegalArgumentException("not a cursor of this job's events");
            }
        }
        int end = Math.min(events.size(), start + query.limit());
        Optional<String> nextCursor = end < events.size()
                ? Optional.of(Long.toString(events.get(end - 1).seq())) : Optional.empty();
        return new AuditPage(events.subList(start, end).stream().map(Numbered::event).toList(), nextCursor);
    }

    private static long parseCursor(String text) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("not a cursor of this job's events");
    }

    private record Key(TenantId tenant, JobId job) {
    }

    private record Numbered(long seq, AuditEvent event) {
    }
}
