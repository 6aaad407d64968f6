package dev.conveyor.core.store;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every audit log that can be read back must show: the events it recorded, of one tenant's job, oldest first,
 * a page at a time. Extend it and say how to make a fresh, empty log.
 */
public abstract class AuditTrailContract {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The log, as written to ({@code hook}) and read back ({@code trail}). */
    public record Log(AuditHook hook, AuditTrail trail) {
    }

    /** A fresh log with nothing recorded; called once before every test. */
    protected abstract Log createLog();

    private Log log;
    private final JobId job = new JobId(UUID.randomUUID());

    @BeforeEach
    void givenAnEmptyLog() {
        log = createLog();
    }

    @Test
    void aJobsEventsComeBackOldestFirstWithTheirDetails() throws Exception {
        record(ACME, job, "pipeline_extract_complete", 2, Payload.of("duration_ms", 1500, "detail", "internal"));
        record(ACME, job, "pipeline_queued", 0, Payload.of("from", "created"));
        record(ACME, job, "pipeline_extract_start", 1, Payload.of("attempt", 1));

        AuditPage page = log.trail().events(ACME, job, AuditQuery.firstPage(10));

        assertEquals(List.of("pipeline_queued", "pipeline_extract_start", "pipeline_extract_complete"), types(page));
        assertEquals(T0.plusMillis(2), page.events().get(2).at());
        assertEquals(Optional.of("internal"), page.events().get(2).details().get("detail"));
        assertEquals(1500L, ((Number) page.events().get(2).details().get("duration_ms").orElseThrow()).longValue());
        assertEquals(Optional.empty(), page.nextCursor());
    }

    @Test
    void onlyThatTenantsJobsEventsAreRead() throws Exception {
        JobId other = new JobId(UUID.randomUUID());
        record(ACME, job, "pipeline_queued", 0, Payload.empty());
        record(ACME, other, "pipeline_queued", 1, Payload.empty());
        record(GLOBEX, job, "pipeline_complete", 2, Payload.empty());

        assertEquals(List.of("pipeline_queued"), types(log.trail().events(ACME, job, AuditQuery.firstPage(10))));
        assertEquals(List.of("pipeline_complete"), types(log.trail().events(GLOBEX, job, AuditQuery.firstPage(10))));
        assertEquals(List.of(), types(log.trail().events(GLOBEX, other, AuditQuery.firstPage(10))));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsEvenAtOneInstant() throws Exception {
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String type = "pipeline_step" + i + "_start";
            record(ACME, job, type, i < 4 ? 0 : i, Payload.empty()); // four at the same instant, in this order
            recorded.add(type);
        }

        List<String> read = new ArrayList<>();
        AuditQuery query = AuditQuery.firstPage(3);
        int pages = 0;
        while (true) {
            AuditPage page = log.trail().events(ACME, job, query);
            read.addAll(types(page));
            pages++;
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }

        assertEquals(recorded, read);
        assertEquals(3, pages);
    }

    @Test
    void aCursorItDidNotGiveOutIsRefused() throws Exception {
        record(ACME, job, "pipeline_queued", 0, Payload.empty());

        assertThrows(IllegalArgumentException.class,
                () -> log.trail().events(ACME, job, AuditQuery.firstPage(10).after("not-a-cursor")));
    }

    private void record(TenantId tenant, JobId id, String type, int millis, Payload details) throws Exception {
        log.hook().record(new AuditEvent(tenant, id, type, T0.plusMillis(millis), details));
    }

    private static List<String> types(AuditPage page) {
        return page.events().stream().map(AuditEvent::type).toList();
    }
}
