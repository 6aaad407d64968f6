package dev.conveyor.core.run;

import dev.conveyor.model.JobRef;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this process is running now, with the context of each one's current step: how a cancel, a lost
 * lease or a shutdown reaches the step, and which leases the worker renews.
 */
public final class RunningJobs {

    /** The stop reason of a cancel: the job ends cancelled. */
    public static final String CANCEL = "cancelled";
    /** The stop reason of a shutdown: the job goes back to the queue. */
    public static final String SHUTDOWN = "worker shutting down";
    /** The stop reason when another worker has the job now. */
    public static final String LEASE_LOST = "lease lost";

    private final Map<JobRef, LiveStepContext> running = new ConcurrentHashMap<>();
    private final Set<JobRef> held = ConcurrentHashMap.newKeySet();

    void hold(JobRef job) {
        held.add(job);
    }

    void release(JobRef job) {
        held.remove(job);
        running.remove(job);
    }

    void attach(JobRef job, LiveStepContext context) {
        running.put(job, context);
    }

    void detach(JobRef job) {
        running.remove(job);
    }

    /** The leases this process holds. */
    public Set<JobRef> held() {
        return Set.copyOf(held);
    }

    public int size() {
        return held.size();
    }

    /** Tells the job's running step, if this process runs it, to stop. */
    public boolean stop(JobRef job, String reason) {
        LiveStepContext context = running.get(job);
        if (context == null) {
            return false;
        }
        context.stop(reason);
        return true;
    }

    /** Tells every running step to stop (shutdown). */
    public void stopAll(String reason) {
        running.values().forEach(context -> context.stop(reason));
    }
}
