package dev.conveyor.core.support;

import dev.conveyor.core.time.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Returns at once, moving the test clock by the time asked for, and remembers every wait. */
public final class FakeSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    public FakeSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
