package dev.conveyor.pipeline;

/** An ordinary step runs code; a review gate pauses the job until a human has decided the open items. */
public enum StepKind {
    ORDINARY,
    REVIEW_GATE
}
