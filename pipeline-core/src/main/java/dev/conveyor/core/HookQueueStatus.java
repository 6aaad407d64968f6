package dev.conveyor.core;

import java.util.Objects;

/**
 * One of the engine's hook queues at a moment: what a metrics gauge shows.
 *
 * @param name     {@code audit} or {@code notifications}
 * @param depth    calls waiting to run
 * @param capacity the most calls it holds; when full, the oldest is dropped
 * @param dropped  calls dropped since the engine started: on overflow, at close, after close
 */
public record HookQueueStatus(String name, int depth, int capacity, long dropped) {

    public HookQueueStatus {
        Objects.requireNonNull(name, "name must not be null");
        if (depth < 0 || capacity < 1 || dropped < 0) {
            throw new IllegalArgumentException("hook queue figures out of range: depth " + depth + ", capacity "
                    + capacity + ", dropped " + dropped);
        }
    }
}
