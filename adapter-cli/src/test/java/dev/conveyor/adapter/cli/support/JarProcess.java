package dev.conveyor.adapter.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built executable, run as a user would: {@code $JAVA_HOME/bin/java -jar adapter-cli/target/conveyor.jar},
 * in its own process, with stdout and stderr captured to files (so neither is a terminal).
 */
public final class JarProcess {

    private final Process process;
    private final Path out;
    private final Path err;

    private JarProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static Path jar() {
        Path jar = Path.of("target/conveyor.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run after 'package' builds it");
        }
        return jar;
    }

    /**
     * A build started in the background by a shell without job control (an unattended CI step, {@code cmd &})
     * runs with Ctrl-C ignored, and a process inherits that: its JVM would then never hear the tests' SIGINT.
     * Where coreutils' {@code env} can, the jar starts with SIGINT and SIGTERM back at their defaults
     * ({@code env} replaces itself with the JVM, so the pid is the JVM's).
     */
    private static final List<String> SIGNALS_RESTORED = signalsRestored();

    private static List<String> signalsRestored() {
        List<String> prefix = List.of("env", "--default-signal=INT,TERM");
        try {
            List<String> probeCommand = new ArrayList<>(prefix);
            probeCommand.add("true");
            Process probe = new ProcessBuilder(probeCommand)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 ? prefix : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    public static String java() {
        String home = System.getenv("JAVA_HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("java.home"), "bin", "java").toString();
    }

    public static JarProcess start(Path workingDir, Path logs, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(SIGNALS_RESTORED);
        command.addAll(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logs);
            Path out = Files.createTempFile(logs, "out", ".txt");
            Path err = Files.createTempFile(logs, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().remove("CONVEYOR_DB_URL");
            builder.environment().putAll(env);
            return new JarProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result run(Path workingDir, Path logs, String... args) throws InterruptedException {
        return start(workingDir, logs, Map.of(), args).await(60);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (INT, KILL…) to the process, as a terminal or an operator would. */
    public void signal(String name) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result await(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("conveyor did not finish within " + seconds + " s; stdout so far:\n" + read(out)
                    + "\nstderr:\n" + read(err));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    public String stdoutSoFar() {
        return read(out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the process ended. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
