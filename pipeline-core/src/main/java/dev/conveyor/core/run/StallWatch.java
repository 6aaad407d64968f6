package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.model.Job;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Looks at the steps this worker runs, as a poll would see them ({@link Standing}), and tells the audit log
 * ({@code pipeline_<step>_stalled}) and the notification hook ({@link Notification.Stalled}) once per run of a
 * step when it stalls: no units reported, and three times its usual longest or half its timeout gone.
 */
public final class StallWatch {

    private final ProgressFlusher flusher;
    private final EtaEstimator eta;
    private final Hooks hooks;
    private final Clock clock;

    public StallWatch(ProgressFlusher flusher, EtaEstimator eta, Hooks hooks, Clock clock) {
        this.flusher = flusher;
        this.eta = eta;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** @return how many steps were newly found stalled */
    public int watch() {
        Instant now = clock.instant();
        int told = 0;
        for (ProgressFlusher.Tracked entry : flusher.tracked()) {
            LiveStepContext context = entry.context();
            Job stored = context.job();
            StepRecord step = stored.steps().get(context.index())
                    .withUnits(context.unitsDone(), context.unitsTotal());
            Job job = stored.toBuilder().step(context.index(), step).build();
            if (Standing.of(job, Optional.of(entry.pipeline()), eta, now).stalled() && entry.firstStallTold()) {
                long elapsed = step.startedAt().map(start -> Duration.between(start, now).toMillis()).orElse(0L);
                hooks.audit(job, AuditTypes.stepStalled(step.name()), () -> Payload.of("elapsed_ms", elapsed,
                        "attempt", step.attempts()));
                hooks.notify(new Notification.Stalled(job, step.name()));
                told++;
            }
        }
        return told;
    }
}
