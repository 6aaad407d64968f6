package dev.conveyor.adapter.metrics;

import dev.conveyor.port.out.EngineEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each event the engine and the store tell lands in its meter, with buckets a dashboard can use. */
class ConveyorMetersTest {

    @Test
    void storeCommitsFillTheBatchSizeAndLatencyHistograms() {
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus()) {
            EngineEvents events = metrics.listener();
            events.storeCommitted(1, TimeUnit.MILLISECONDS.toNanos(3));
            events.storeCommitted(40, TimeUnit.MILLISECONDS.toNanos(30));

            Scraped scraped = Scraped.of(metrics.scrape());
            assertEquals(2.0, scraped.valueOf("conveyor_store_commit_writes_count"));
            assertEquals(41.0, scraped.valueOf("conveyor_store_commit_writes_sum"));
            assertEquals(1.0, scraped.valueOf("conveyor_store_commit_writes_bucket", "le=32.0"));
            assertEquals(2.0, scraped.valueOf("conveyor_store_commit_writes_bucket", "le=64.0"));
            assertEquals(1.0, scraped.valueOf("conveyor_store_commit_latency_seconds_bucket", "le=0.005"));
            assertEquals(2.0, scraped.valueOf("conveyor_store_commit_latency_seconds_bucket", "le=0.05"));
        }
    }

    @Test
    void etaErrorsAreKeptPerCheckpoint() {
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus()) {
            metrics.listener().etaJudged("demo", List.of(40.0, 12.0, 3.0));
            metrics.listener().etaJudged("demo", List.of(60.0, 8.0, 1.0));

            Scraped scraped = Scraped.of(metrics.scrape());
            assertEquals(100.0, scraped.valueOf("conveyor_eta_error_percent_sum", "pipeline=demo", "checkpoint=25"));
            assertEquals(2.0, scraped.valueOf("conveyor_eta_error_percent_bucket", "pipeline=demo",
                    "checkpoint=75", "le=5.0"));
            assertEquals(1.0, scraped.valueOf("conveyor_eta_error_percent_bucket", "pipeline=demo",
                    "checkpoint=50", "le=10.0"));
        }
    }

    @Test
    void leaseExpiriesWorkerLossesAndHookDropsAreCounted() {
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus()) {
            EngineEvents events = metrics.listener();
            events.leasesExpired(3);
            events.leaseLost("demo");
            events.hookQueued("notification");
            events.hookQueued("notification");
            events.hookStarted("notification");
            events.hookDropped("audit");

            Scraped scraped = Scraped.of(metrics.scrape());
            assertEquals(3.0, scraped.valueOf("conveyor_leases_expired_total"));
            assertEquals(1.0, scraped.valueOf("conveyor_worker_losses_total", "pipeline=demo"));
            assertEquals(1.0, scraped.valueOf("conveyor_hooks_queued", "hook=notification"));
            assertEquals(0.0, scraped.valueOf("conveyor_hooks_queued", "hook=audit"));
            assertEquals(1.0, scraped.valueOf("conveyor_hooks_dropped_total", "hook=audit"));
        }
    }

    @Test
    void anApplicationsOwnRegistryGetsConveyorsMetersAndScrapesThemItself() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConveyorMetrics metrics = ConveyorMetrics.on(registry);

        metrics.listener().jobCompleted("demo");

        assertEquals(1.0, registry.get("conveyor.jobs.completed").tag("pipeline", "demo").counter().count());
        assertThrows(IllegalStateException.class, metrics::scrape);
        metrics.close();
        assertFalse(registry.isClosed(), "the application's registry stays the application's");
    }
}
