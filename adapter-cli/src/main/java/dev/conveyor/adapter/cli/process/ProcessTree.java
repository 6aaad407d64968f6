package dev.conveyor.adapter.cli.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends a command with everything it started: the descendants are collected before the parent dies (after
 * that they belong to init), asked to stop (SIGTERM), and killed (SIGKILL) if still alive after a grace period.
 */
public final class ProcessTree {

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
        long deadline = System.nanoTime() + grace.toNanos();
        // onExit() of a process that is not our child is polled slowly by the JDK; isAlive() answers at once
        while (tree.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Alive and not a zombie. A killed grandchild stays a zombie until init reaps it, which in a container can
     * take a while; {@link ProcessHandle#isAlive()} counts it as alive meanwhile.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }
}
