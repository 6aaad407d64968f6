package dev.conveyor.adapter.cli.engine;

import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;

import java.util.OptionalInt;

/** A started engine, seen through the inbound ports. */
public interface Engine extends AutoCloseable {

    ManageJobs commands();

    QueryJobs queries();

    /**
     * Stops claiming jobs, lets running steps reach a checkpoint and hands unfinished jobs back to the queue.
     * Commands and queries keep working until {@link #close()}.
     */
    void stopWorkers();

    /** A back-off for a caller of {@link #commands()} or {@link #queries()} waiting out an unavailable store. */
    StoreBackoff outageBackoff();

    /** The port its meters are served on ({@link EngineSpec#metrics()}); empty when they are not served. */
    default OptionalInt metricsPort() {
        return OptionalInt.empty();
    }

    /** Stops the workers if still running and releases the store. */
    @Override
    void close();
}
