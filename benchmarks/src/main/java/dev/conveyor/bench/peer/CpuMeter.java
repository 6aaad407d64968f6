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
 *
 * <p>The JVM's figure is split too: what its JIT compiler threads and its garbage collector threads used (from
 * {@code /proc/self/task}). A phase of a few seconds still pays for compiling the code it runs; a long-running
 * deployment pays that once, so the rest is the steady cost per job. A compiler thread that exits between two
 * samples takes its CPU time with it, so that share is a lower bound.
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
    record Sample(long jvmNanos, Map<Integer, Long> jitTicks, Map<Integer, Long> gcTicks,
                  Map<Integer, Long> backendTicks, Map<Integer, Long> serverTicks) {
    }

    /** CPU time used between two samples, in nanoseconds; {@code jit} and {@code gc} are parts of {@code jvm}. */
    record Used(long jvmNanos, long jitNanos, long gcNanos, long backendNanos, long serverNanos) {
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
        Map<Integer, Long> jit = new HashMap<>();
        Map<Integer, Long> gc = new HashMap<>();
        ownThreads(jit, gc);
        return new Sample(jvm.getProcessCpuTime(), jit, gc, own, server);
    }

    /**
     * What was used from {@code before} to {@code after}. A process that started in between counts whole; one
     * that ended in between is lost (the pools keep their sessions for the whole phase).
     */
    Used between(Sample before, Sample after) {
        return new Used(after.jvmNanos() - before.jvmNanos(),
                ticksBetween(before.jitTicks(), after.jitTicks()) * nanosPerTick,
                ticksBetween(before.gcTicks(), after.gcTicks()) * nanosPerTick,
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

    /** utime + stime, in clock ticks, of this JVM's compiler threads and of its garbage collector's threads. */
    private static void ownThreads(Map<Integer, Long> jit, Map<Integer, Long> gc) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                Stat stat = Stat.read(task);
                if (stat == null) {
                    return;
                }
                int id = Integer.parseInt(task.getFileName().toString());
                if (stat.name().startsWith("C1 CompilerThre") || stat.name().startsWith("C2 CompilerThre")) {
                    jit.put(id, stat.ticks());
                } else if (stat.name().startsWith("GC Thread") || stat.name().startsWith("G1 ")) {
                    gc.put(id, stat.ticks());
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task: the CPU figures need Linux", e);
        }
    }

    /** A process's or thread's name and its utime + stime, from its {@code stat} file. */
    private record Stat(String name, long ticks) {

        /** Null when the process or thread ended meanwhile. */
        static Stat read(Path dir) {
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (IOException e) {
                return null;
            }
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            // After the name come: state (field 3) ... utime (field 14) and stime (field 15).
            String[] fields = stat.substring(close + 2).split(" ");
            return new Stat(stat.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
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
        Stat stat = Stat.read(process);
        if (stat != null && stat.name().equals("postgres")) {
            ticks.put(Integer.parseInt(process.getFileName().toString()), stat.ticks());
        }
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
