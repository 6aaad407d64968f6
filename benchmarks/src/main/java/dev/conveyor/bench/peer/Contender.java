package dev.conveyor.bench.peer;

import java.util.Optional;

/**
 * One system in one phase of the peer benchmark, driven through the same steps: open on a fresh schema, enqueue
 * the jobs with no worker running, start the workers on the filled queue, count in the database the jobs done,
 * let any work the jobs left behind finish, close.
 */
interface Contender extends AutoCloseable {

    /** What the report calls this system and job shape, e.g. "Conveyor, 5-step". */
    String name();

    /** How its jobs are enqueued, for the report. */
    String enqueuedBy();

    /** Connects to {@code schema} (fresh and empty), with its pools' sessions named after it; no worker runs yet. */
    void open(String schema, Finish finish);

    void enqueue(int jobs);

    void startWorkers();

    /** Jobs in the schema that have finished successfully, as the database says. */
    long completed(PeerDatabase database);

    /** Waits for work the jobs left to do after they finished (such as audit events still to write). */
    void settle();

    /** The statements the system counted while it drained, when it counts them. */
    Optional<Statements> statements();

    @Override
    void close();
}
