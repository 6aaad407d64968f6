package dev.conveyor.core.hooks;

/** The names of audit events, {@code pipeline_<step>_<event>}: {@code pipeline_extract_start}, … */
public final class AuditTypes {

    public static final String REVIEW_NEEDED = "pipeline_review_needed";
    public static final String COMPLETE = "pipeline_complete";
    public static final String FAILED = "pipeline_failed";
    public static final String CANCELLED = "pipeline_cancelled";
    public static final String STARTED = "pipeline_start";
    public static final String QUEUED = "pipeline_queued";
    public static final String CANCEL_REQUESTED = "pipeline_cancel_requested";
    public static final String RESUMED = "pipeline_resumed";
    public static final String LEASE_LOST = "pipeline_lease_lost";

    private AuditTypes() {
    }

    public static String stepStart(String step) {
        return "pipeline_" + step + "_start";
    }

    public static String stepComplete(String step) {
        return "pipeline_" + step + "_complete";
    }

    public static String stepRetry(String step) {
        return "pipeline_" + step + "_retry";
    }

    public static String stepFailed(String step) {
        return "pipeline_" + step + "_failed";
    }

    public static String stepStalled(String step) {
        return "pipeline_" + step + "_stalled";
    }

    public static String stepSkipped(String step) {
        return "pipeline_" + step + "_skipped";
    }
}
