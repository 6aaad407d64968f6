package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run on a shared store watches its engine's writes through a store of its own: the audit log the shared store
 * keeps must stay kept, its events going in with the writes of their transitions, none handed to it aside.
 */
class RunKeepsStoreAuditTest {

    @TempDir
    Path dir;

    @Test
    void theStoresOwnAuditLogGetsNoTransitionEventAsideDuringARun() {
        CliHarness cli = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop")).stdin("a\nb\nc\n");
        List<String> aside = Collections.synchronizedList(new ArrayList<>());
        AuditHook keptLog = new AuditHook() {
            @Override
            public void record(AuditEvent event) {
                aside.add(event.type());
            }

            @Override
            public boolean isKeptBy(JobStore store) {
                return store == cli.shared.jobs;
            }
        };
        cli.databases(url -> new ConveyorMain.Stores(cli.shared.jobs, cli.shared.timings, List.of(keptLog),
                () -> { }));

        CliHarness.Result result = cli.run("run", "noop", "-", "--db", SharedStore.URL, "--json");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("\"completed\" : 3"), result.out());
        assertTrue(aside.stream().noneMatch(type -> type.endsWith("_start") || type.equals("pipeline_complete")),
                "transition events went aside: " + aside);
    }
}
