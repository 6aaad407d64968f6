package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's audit events as the API shows them: each with the step it concerns and a sentence a user can act on.
 * The facts a user never sees (an exception's text, the worker's name) stay out unless the caller may see
 * internals.
 */
public final class AuditMapper {

    /** The detail keys that are internal: only an admin token sees them. */
    static final Set<String> INTERNAL = Set.of("detail", "worker");

    private static final Pattern STEP_EVENT =
            Pattern.compile("pipeline_(.+)_(start|complete|retry|failed|stalled|skipped)");

    private AuditMapper() {
    }

    public static AuditEventDto.Page toPage(AuditPage page, boolean withInternals) {
        return new AuditEventDto.Page(page.events().stream().map(event -> toDto(event, withInternals)).toList(),
                page.nextCursor().orElse(null));
    }

    static AuditEventDto toDto(AuditEvent event, boolean withInternals) {
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, Object> internal = new LinkedHashMap<>();
        event.details().values().forEach((key, value) -> (INTERNAL.contains(key) ? internal : shown).put(key, value));
        Matcher stepEvent = STEP_EVENT.matcher(event.type());
        Optional<String> step = fixed(event.type()) ? Optional.ofNullable(text(shown.get("step")))
                : stepEvent.matches() ? Optional.of(stepEvent.group(1)) : Optional.empty();
        String message = fixed(event.type()) ? jobMessage(event.type(), shown)
                : stepEvent.matches() ? stepMessage(stepEvent.group(1), stepEvent.group(2), shown)
                : "Event " + event.type() + ".";
        return new AuditEventDto(event.type(), Wire.instant(event.at()), step.orElse(null), message, shown,
                withInternals ? internal : null);
    }

    private static boolean fixed(String type) {
        return switch (type) {
            case "pipeline_queued", "pipeline_start", "pipeline_review_needed", "pipeline_resumed",
                 "pipeline_cancel_requested", "pipeline_cancelled", "pipeline_failed", "pipeline_complete",
                 "pipeline_lease_lost" -> true;
            default -> false;
        };
    }

    private static String jobMessage(String type, Map<String, Object> details) {
        return switch (type) {
            case "pipeline_queued" -> "Queued: waiting for a worker.";
            case "pipeline_start" -> "A worker took the job.";
            case "pipeline_review_needed" -> "Waiting for a review of " + details.getOrDefault("items", 0)
                    + " item(s) at step " + details.getOrDefault("step", "review") + ".";
            case "pipeline_resumed" -> "Resumed after the review.";
            case "pipeline_cancel_requested" -> "Cancel requested: the running step stops at its next checkpoint.";
            case "pipeline_cancelled" -> "Cancelled.";
            case "pipeline_failed" -> "Failed at step " + details.getOrDefault("step", "?") + ": "
                    + details.getOrDefault("message", details.getOrDefault("code", "an error")) + " It can be retried.";
            case "pipeline_complete" -> "Completed in " + seconds(details.get("duration_ms")) + ".";
            case "pipeline_lease_lost" -> "The worker running step " + details.getOrDefault("step", "?")
                    + " stopped answering; the job goes back to the queue and resumes at that step.";
            default -> throw new IllegalArgumentException("not a job event: " + type);
        };
    }

    private static String stepMessage(String step, String what, Map<String, Object> details) {
        return switch (what) {
            case "start" -> "Step " + step + " started" + attempt(details) + ".";
            case "complete" -> "Step " + step + " completed" + (details.containsKey("duration_ms")
                    ? " in " + seconds(details.get("duration_ms")) : "") + warnings(details) + ".";
            case "retry" -> "Step " + step + " hit a temporary problem; trying again in "
                    + seconds(details.get("wait_ms")) + attempt(details) + ".";
            case "failed" -> "Step " + step + " failed: "
                    + details.getOrDefault("message", details.getOrDefault("code", "an error"));
            case "stalled" -> "Step " + step + " has reported no progress for " + seconds(details.get("elapsed_ms"))
                    + "; it may still finish.";
            case "skipped" -> "Step " + step + " skipped" + (details.containsKey("reason")
                    ? ": " + details.get("reason") : "") + ".";
            default -> throw new IllegalArgumentException("not a step event: " + what);
        };
    }

    private static String attempt(Map<String, Object> details) {
        return details.get("attempt") instanceof Number n && n.longValue() > 1 ? " (attempt " + n + ")" : "";
    }

    private static String warnings(Map<String, Object> details) {
        return details.get("warnings") instanceof Number n && n.longValue() > 0
                ? " with " + n + " warning(s)" : "";
    }

    private static String seconds(Object millis) {
        if (!(millis instanceof Number n)) {
            return "an unknown time";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", n.doubleValue() / 1000.0);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
