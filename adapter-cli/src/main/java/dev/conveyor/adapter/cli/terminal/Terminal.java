package dev.conveyor.adapter.cli.terminal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command reads from or writes to the world outside the JVM: streams, whether stdout is a
 * terminal, the environment, the working directory, the clock and Ctrl-C. Tests build one over buffers.
 *
 * @param interactive true when stdout is a terminal: live redraws instead of timestamped lines
 * @param width       the terminal's width in columns, or 0 to ask the terminal
 */
public record Terminal(PrintStream out, PrintStream err, InputStream in, boolean interactive, int width,
                       Map<String, String> env, Path workingDir, Clock clock, Interrupts interrupts) {

    public Terminal {
        Objects.requireNonNull(out, "out must not be null");
        Objects.requireNonNull(err, "err must not be null");
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(interrupts, "interrupts must not be null");
        if (width < 0) {
            throw new IllegalArgumentException("width must not be negative, got " + width);
        }
        env = Map.copyOf(env);
        workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** The process's own console. Stdout counts as a terminal when the JVM has a console (stdin and stdout are TTYs). */
    public static Terminal system() {
        return new Terminal(System.out, System.err, System.in, System.console() != null, 0, System.getenv(),
                Path.of(""), Clock.systemDefaultZone(), Interrupts.shutdownHook());
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** A path the user typed, relative to the working directory. */
    public Path resolve(String path) {
        return workingDir.resolve(path).toAbsolutePath().normalize();
    }

    /** How the user would like to see a path: relative to the working directory when it is under it. */
    public String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingDir) && !absolute.equals(workingDir)
                ? workingDir.relativize(absolute).toString() : absolute.toString();
    }
}
