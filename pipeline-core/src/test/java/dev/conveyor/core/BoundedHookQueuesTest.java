package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.MutableClock;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow audit hook cannot make the engine hold unbounded events: the queue drops its oldest and says so. */
class BoundedHookQueuesTest {

    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void aStuckAuditHookFillsItsQueueToCapacityAndTheRestIsCountedAsDropped() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Conveyor conveyor = Conveyor.builder().pipeline(new SeedSteps(new MutableClock(Harness.T0)).build()).workers(0)
                .scheduleMaintenance(false).hookQueueCapacity(4).hookCloseTimeout(Duration.ofMillis(100))
                .audit(event -> {
                    stuck.countDown();
                    release.await(30, TimeUnit.SECONDS);
                })
                .start();
        try {
            conveyor.submit(SubmitJob.startNow(ACME, "documents", Payload.of("files", 1))).orElseThrow();
            assertTrue(stuck.await(10, TimeUnit.SECONDS), "the hook is running the first event");
            for (int i = 0; i < 9; i++) {
                conveyor.submit(SubmitJob.startNow(ACME, "documents", Payload.of("files", 1))).orElseThrow();
            }

            HookQueueStatus audit = conveyor.hookQueues().getFirst();
            assertEquals(new HookQueueStatus("audit", 4, 4, 5), audit);
            assertEquals(new HookQueueStatus("notifications", 0, 4, 0), conveyor.hookQueues().get(1));
        } finally {
            conveyor.close();
            release.countDown();
        }
        assertEquals(List.of(new HookQueueStatus("audit", 0, 4, 9), new HookQueueStatus("notifications", 0, 4, 0)),
                conveyor.hookQueues(), "close gave up after its timeout and counted the 4 still waiting");
    }
}
