package dev.conveyor.adapter.cli;

import dev.conveyor.adapter.cli.command.Cli;
import dev.conveyor.adapter.cli.command.CliContext;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.Engines;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.StepTimings;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root of the {@code conveyor} executable: wires the engine, the store chosen per command
 * and the commands by hand. Nothing else in the CLI knows the core or a store adapter.
 */
public final class ConveyorMain {

    private ConveyorMain() {
    }

    public static void main(String[] args) {
        int code = Cli.execute(new CliContext(Terminal.system(), engines(ConveyorMain::postgres),
                BuiltInPipelines.onClassPath()), args);
        System.exit(code);
    }

    /** The stores behind a {@code --db} URL, and what to close when the command ends. */
    public record Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, AutoCloseable resources) {
        public Stores {
            Objects.requireNonNull(jobs, "jobs must not be null");
            Objects.requireNonNull(timings, "timings must not be null");
            Objects.requireNonNull(resources, "resources must not be null");
            audit = List.copyOf(audit);
        }
    }

    /** Opens the stores of a shared database, or fails with a one-line {@link CliException}. */
    @FunctionalInterface
    public interface Databases {
        Stores open(String url);
    }

    /** Engines on the in-memory store, or on the database {@code databases} opens for a {@code --db} URL. */
    public static Engines engines(Databases databases) {
        return spec -> {
            if (spec.pipelines().isEmpty()) {
                throw new CliException("no pipelines known here: name pipeline files with --pipeline FILE or plugin "
                        + "jars with --plugin JAR");
            }
            Stores stores = switch (spec.store()) {
                case StoreChoice.InMemory memory -> new Stores(new InMemoryJobStore(), new InMemoryStepTimings(),
                        List.of(), () -> { });
                case StoreChoice.Database database -> databases.open(database.url());
            };
            ConveyorBuilder builder = Conveyor.builder().pipelines(spec.pipelines()).store(stores.jobs())
                    .timings(stores.timings()).workers(spec.workers()).leaseLength(spec.leaseLength())
                    .shutdownGrace(spec.shutdownGrace());
            spec.audit().forEach(builder::audit);
            stores.audit().forEach(builder::audit);
            try {
                return new StartedEngine(builder.start(), stores.resources());
            } catch (RuntimeException e) {
                closeQuietly(stores.resources());
                throw e;
            }
        };
    }

    // ---- PostgreSQL plugs in here -------------------------------------------------------------------------
    // When adapter-postgres (package dev.conveyor.adapter.postgres) is on main, open its JobStore, StepTimings
    // and audit log for the URL here, turning "cannot connect" into a one-line CliException.
    private static Stores postgres(String url) {
        throw new CliException("this conveyor is built without PostgreSQL support yet; run without --db (and "
                + "without CONVEYOR_DB_URL) to use the in-memory store");
    }

    private static void closeQuietly(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception ignored) {
            // the start already failed; that error is the one to report
        }
    }

    /** A started {@link Conveyor} with the resources of its store. */
    private static final class StartedEngine implements Engine {
        private final Conveyor conveyor;
        private final AutoCloseable resources;
        private final AtomicBoolean stopped = new AtomicBoolean();

        StartedEngine(Conveyor conveyor, AutoCloseable resources) {
            this.conveyor = conveyor;
            this.resources = resources;
        }

        @Override
        public ManageJobs commands() {
            return conveyor;
        }

        @Override
        public QueryJobs queries() {
            return conveyor;
        }

        @Override
        public void stopWorkers() {
            if (stopped.compareAndSet(false, true)) {
                conveyor.close();
            }
        }

        @Override
        public void close() {
            stopWorkers();
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the store: " + e.getMessage(), e);
            }
        }
    }
}
