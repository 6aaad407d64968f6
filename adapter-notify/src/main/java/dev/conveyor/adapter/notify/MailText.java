package dev.conveyor.adapter.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** An email's subject and plain text, written from a message ({@link Messages}). */
record MailText(String subject, String text) {

    static MailText of(String body) {
        JsonNode message = Messages.read(body);
        JsonNode data = message.path("data");
        String pipeline = data.path("pipeline").asText("a pipeline");
        String job = data.path("job_id").asText();
        String what = "job " + job + " (" + pipeline + ")";
        String link = data.hasNonNull("url") ? "\n\nOpen it on the dashboard: " + data.get("url").asText() : "";
        return switch (message.path("type").asText()) {
            case "review_needed" -> new MailText("Review needed: " + pipeline + " job " + shortId(job),
                    "Conveyor " + what + " is waiting for a review of " + count(data.path("review_items").asInt(),
                            "item") + " at step " + data.path("step").asText("review") + "." + link + "\n");
            case "completed" -> new MailText("Ready: " + pipeline + " job " + shortId(job),
                    "Conveyor " + what + " has completed" + cost(data) + "." + link + "\n");
            case "failed" -> new MailText("Failed: " + pipeline + " job " + shortId(job),
                    "Conveyor " + what + " failed at step " + data.path("step").asText("?") + ": "
                            + data.path("error").path("message").asText("no message") + "\nIt can be retried from "
                            + "that step; the steps already done are kept." + link + "\n");
            case "stalled" -> new MailText("Stalled: " + pipeline + " job " + shortId(job),
                    "Conveyor " + what + " has reported nothing from step " + data.path("step").asText("?")
                            + " for far longer than it usually takes. It is still running." + link + "\n");
            default -> throw new IllegalArgumentException("unknown message type " + message.path("type"));
        };
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String cost(JsonNode data) {
        double cost = data.path("cost_usd").asDouble(0);
        return cost > 0 ? String.format(Locale.ROOT, " (cost $%.4f)", cost) : "";
    }
}
