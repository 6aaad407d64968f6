package dev.conveyor.bench.peer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time spent between two samples: by this JVM (the engine under test), by the PostgreSQL server processes
 * serving the phase's own sessions, and by every PostgreSQL process on the machine (the WAL writer, checkpointer
 * and autovacuum too, and the sessions of anyone else using the server meanwhile). The server's figures come
 * from {@code utime + stime} in {@code /proc/<pid>/stat}, so the server must run on this machine.
 */
final class CpuMeter {

    private static final Path PROC = Path.of("/proc");

    private final long nanosPerTick;
    private final com.sun.management.OperatingSystemMXBean jvm =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    CpuMeter() {
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond();
    }

    /** CPU readings at one moment; {@code backends} are the phase's own server processes. */
    record Sample(long jvmNanos, Map<Integer, Long> backendTicks, Map<Integer, Long> serverTicks) {
    }

    /** CPU time used between two samples, in nanoseconds. */
    record Used(long jvmNanos, long backendNanos, long serverNanos) {
    }

    Sample sample(Set<Integer> backends) {
        Map<Integer, Long> server = postgresProcesses();
        Map<Integer, Long> own = new HashMap<>();
        for (int pid : backends) {
            Long ticks = server.get(pid);
            if (ticks != null) {
                own.put(pid, ticks);
            }
        }
        return new Sample(jvm.getProcessCpuTime(), own, server);
    }

    /**
     * What was used from {@code before} to {@code after}. A process that started in between counts whole; one
     * that ended in between is lost (the pools keep their sessions for the whole phase).
     */
    Used between(Sample before, Sample after) {
        return new Used(after.jvmNanos() - before.jvmNanos(),
                ticksBetween(before.backendTicks(), after.backendTicks()) * nanosPerTick,
                ticksBetween(before.serverTicks(), after.serverTicks()) * nanosPerTick);
    }

    private static long ticksBetween(Map<Integer, Long> before, Map<Integer, Long> after) {
        long sum = 0;
        for (Map.Entry<Integer, Long> process : after.entrySet()) {
            sum += process.getValue() - before.getOrDefault(process.getKey(), 0L);
        }
        return sum;
    }

    /** utime + stime, in clock ticks, of every process named {@code postgres}. */
    private static Map<Integer, Long> postgresProcesses() {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> readPostgres(p, ticks));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: the PostgreSQL CPU figures need Linux and a "
                    + "server on this machine", e);
        }
        return ticks;
    }

    private static void readPostgres(Path process, Map<Integer, Long> ticks) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            return; // the process ended meanwhile
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
            return;
        }
        // After the command come: state (field 3) ... utime (field 14) and stime (field 15).
        String[] fields = stat.substring(close + 2).split(" ");
        ticks.put(Integer.parseInt(process.getFileName().toString()),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // USER_HZ on every common Linux build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
