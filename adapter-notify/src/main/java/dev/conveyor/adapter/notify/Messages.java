package dev.conveyor.adapter.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.model.Job;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.OutboxEvent;

import java.net.URI;
import java.util.Optional;

/**
 * The message of an outbox event, the same for every receiver, in the Standard Webhooks payload shape:
 * {@code {"type": "completed", "timestamp": "…", "data": {"job_id": …, "tenant": …, "pipeline": …, "status": …,
 * "progress": …, "step": …, "error": {"code", "message"}, "review_items": …, "cost_usd": …, "url": …}}}. Only what
 * a user may see: a failure's user-facing message, never its internal detail. Emails are written from it.
 */
final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    /** The message, from the job as it stands when planned (absent when it is gone already). */
    static String body(OutboxEvent event, Optional<Job> job, Optional<URI> dashboard) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", event.event().wireName());
        root.put("timestamp", event.at().toString());
        ObjectNode data = root.putObject("data");
        data.put("job_id", event.jobId().toString());
        data.put("tenant", event.tenant().value());
        event.step().ifPresent(step -> data.put("step", step));
        job.ifPresent(j -> {
            data.put("pipeline", j.pipeline());
            data.put("status", j.status().name().toLowerCase(java.util.Locale.ROOT));
            data.put("progress", j.progress());
            if (event.step().isEmpty()) {
                j.currentStep().ifPresent(step -> data.put("step", step));
            }
            data.put("cost_usd", j.costUsd());
            if (event.event() == NotificationEvent.REVIEW_NEEDED) {
                data.put("review_items", j.reviewItems().size());
            }
            if (event.event() == NotificationEvent.FAILED) {
                j.error().ifPresent(error -> data.putObject("error").put("code", error.code())
                        .put("message", error.message()));
            }
        });
        dashboard.ifPresent(base -> data.put("url", jobLink(base, event)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }

    /** The job's page on the dashboard. */
    static String jobLink(URI dashboard, OutboxEvent event) {
        String base = dashboard.toString();
        return (base.endsWith("/") ? base : base + "/") + "#/jobs/" + event.jobId();
    }

    /** A message read back, for writing an email from it. */
    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a message this notifier wrote: " + e.getOriginalMessage(), e);
        }
    }
}
