package dev.conveyor.archfixtures.violating.core.progress;

import dev.conveyor.archfixtures.violating.core.retry.RetryLoop;

public record ProgressMeter(RetryLoop loop) {
}
