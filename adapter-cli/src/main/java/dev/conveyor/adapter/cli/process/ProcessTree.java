package dev.conveyor.adapter.cli.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a command with everything it started: the descendants are collected before the parent dies (after
 * that they belong to init), asked to stop (SIGTERM), and killed (SIGKILL) if still alive after a grace period.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            List<ProcessHandle> found = new ArrayList<>();
            found.add(root);
            root.descendants().forEach(found::add);
            tree.forEach(h -> h.descendants().forEach(found::add));
            found.removeIf(h -> !h.isAlive() || tree.contains(h));
            if (found.isEmpty()) {
                break;
            }
            tree.addAll(found);
            found.forEach(ProcessHandle::destroy);
        }
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
