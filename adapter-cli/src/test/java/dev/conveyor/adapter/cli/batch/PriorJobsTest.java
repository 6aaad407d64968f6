package dev.conveyor.adapter.cli.batch;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A re-run finds its items' earlier jobs a batch of items per lookup, never by listing the history. */
class PriorJobsTest {

    private static final TenantId TENANT = TenantId.of("cli");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The item lookup of an in-memory store, counting the items of each call; listing is refused. */
    private static final class LookupOnly implements QueryJobs {
        final InMemoryJobStore store = new InMemoryJobStore();
        final List<Integer> lookups = new ArrayList<>();

        @Override
        public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
            lookups.add(items.size());
            return store.newestByItem(tenant, pipeline, items);
        }

        @Override
        public JobPage list(TenantId tenant, JobQuery query) {
            throw new AssertionError("the history is not listed");
        }

        @Override
        public Optional<ProgressView> progress(TenantId tenant, JobId id) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<Job> job(TenantId tenant, JobId id) {
            throw new AssertionError("not used");
        }

        @Override
        public List<PipelineDefinition> pipelines() {
            return List.of();
        }

        @Override
        public EtaAccuracy etaAccuracy(String pipeline) {
            return EtaAccuracy.NONE;
        }

        @Override
        public Optional<AuditPage> events(TenantId tenant, JobId id, AuditQuery query) {
            throw new AssertionError("not used");
        }
    }

    private static Job jobFor(String item, Instant at) {
        return Job.create(JobId.random(), TENANT, "p", List.of("only"), Payload.of(Job.ITEM, item),
                PipelineOptions.defaults(), at);
    }

    @Test
    void eachItemGetsItsNewestJobInOneLookupPerThousandItems() {
        LookupOnly queries = new LookupOnly();
        List<String> items = IntStream.range(0, 2_500).mapToObj(i -> "item-" + i).toList();
        items.forEach(item -> queries.store.insert(jobFor(item, T0)));
        Job newer = jobFor("item-1700", T0.plusSeconds(1));
        queries.store.insert(newer);

        List<String> rerun = new ArrayList<>(items);
        rerun.add("new");

        Map<String, Job> prior = PriorJobs.newestByItem(queries, TENANT, "p", rerun);

        assertEquals(List.of(1_000, 1_000, 501), queries.lookups);
        assertEquals(2_500, prior.size(), "every item but the new one");
        assertEquals(newer, prior.get("item-1700"));
    }
}
