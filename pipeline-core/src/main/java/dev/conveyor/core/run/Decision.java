package dev.conveyor.core.run;

/** Whether a step runs in this run of a job: the value {@link ShouldRun} returns. */
public sealed interface Decision {

    record Run() implements Decision {
    }

    /** Skip it; {@code keepsStatus} when it stays completed rather than becoming skipped. */
    record Skip(String reason, boolean keepsStatus) implements Decision {
    }

    Decision RUN = new Run();
}
