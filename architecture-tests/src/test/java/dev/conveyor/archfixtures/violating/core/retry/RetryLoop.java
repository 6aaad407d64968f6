package dev.conveyor.archfixtures.violating.core.retry;

import dev.conveyor.archfixtures.violating.core.progress.ProgressMeter;

/** With {@link ProgressMeter}, breaks rule 4: two core packages depending on each other. */
public record RetryLoop(ProgressMeter meter) {
}
