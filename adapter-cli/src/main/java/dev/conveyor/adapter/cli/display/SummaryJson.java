package dev.conveyor.adapter.cli.display;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.adapter.cli.batch.Summary;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.io.PrintStream;
import java.util.Optional;

/** A run's summary as one JSON object on stdout ({@code --json}), with snake_case keys. */
public final class SummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Terminal terminal;

    public SummaryJson(Terminal terminal) {
        this.terminal = terminal;
    }

    public void print(Summary s, PrintStream out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("pipeline", s.pipeline());
        root.put("items", s.items());
        root.put("completed", s.completed());
        root.put("already_completed", s.alreadyDone());
        root.put("failed", s.failed());
        root.put("cancelled", s.cancelled());
        root.put("awaiting_review", s.awaitingReview());
        root.put("unfinished", s.unfinished());
        root.put("interrupted", s.interrupted());
        root.put("exit_code", s.exitCode());
        root.put("elapsed_ms", s.elapsed().toMillis());
        root.put("items_per_second", Math.round(s.itemsPerSecond() * 100) / 100.0);
        root.put("cost_usd", s.costUsd());
        ArrayNode steps = root.putArray("steps");
        for (Summary.StepStats step : s.steps()) {
            ObjectNode node = steps.addObject().put("name", step.name()).put("ran", step.ran()).put("failed", step.failed());
            putMillis(node, "p50_ms", step.p50Ms());
            putMillis(node, "p95_ms", step.p95Ms());
        }
        ArrayNode failures = root.putArray("failures");
        for (Summary.FailureGroup group : s.failures()) {
            ObjectNode node = failures.addObject().put("code", group.code()).put("message", group.message());
            ArrayNode items = node.putArray("items");
            group.items().forEach(item -> items.add(Formats.item(terminal, item.item())));
        }
        ArrayNode warnings = root.putArray("warnings");
        s.warnings().forEach(w -> warnings.addObject().put("item", Formats.item(terminal, w.item()))
                .put("step", w.step()).put("message", w.message()));
        ArrayNode jobs = root.putArray("jobs");
        for (Summary.ItemOutcome outcome : s.outcomes()) {
            ObjectNode node = jobs.addObject().put("item", Formats.item(terminal, outcome.item()));
            outcome.job().ifPresentOrElse(id -> node.put("job_id", id.toString()), () -> node.putNull("job_id"));
            node.put("status", outcome.status());
            outcome.error().ifPresent(e -> node.putObject("error").put("code", e.code()).put("message", e.message()));
        }
        out.println(root.toPrettyString());
        out.flush();
    }

    private static void putMillis(ObjectNode node, String key, Optional<Long> millis) {
        millis.ifPresentOrElse(m -> node.put(key, m), () -> node.putNull(key));
    }
}
