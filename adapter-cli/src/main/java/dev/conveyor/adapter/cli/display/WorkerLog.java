package dev.conveyor.adapter.cli.display;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.AuditHook;

import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A worker's log: one timestamped line per job it starts, finishes, pauses or loses. */
public final class WorkerLog implements AuditHook {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Map<String, String> SHOWN = Map.of(
            "pipeline_start", "started",
            "pipeline_complete", "completed",
            "pipeline_failed", "failed",
            "pipeline_cancelled", "cancelled",
            "pipeline_review_needed", "awaiting review",
            "pipeline_lease_lost", "taken over by another worker");

    private final PrintStream out;
    private final Clock clock;

    public WorkerLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        String what = SHOWN.get(event.type());
        if (what == null) {
            return;
        }
        String code = event.details().getString("code", "");
        synchronized (out) {
            out.println(TIME.format(clock.instant().atZone(clock.getZone())) + " job " + event.jobId() + " ("
                    + event.tenant() + ") " + what + (code.isBlank() ? "" : " [" + code + "]"));
            out.flush();
        }
    }
}
