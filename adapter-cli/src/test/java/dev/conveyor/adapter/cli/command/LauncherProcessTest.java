package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.JarProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code adapter-cli/bin/conveyor}, the launcher: the first run writes the start-up cache (an AOT cache on JDK 25 and
 * later, a class-data-sharing archive before), later runs map it, a rebuilt jar gets a fresh one, and no run's output
 * carries a line of the JVM's.
 */
class LauncherProcessTest {

    @TempDir
    Path dir;

    private Path jar;

    /** A copy of the built jar, whose modification time a test may change as a rebuild would. */
    @BeforeEach
    void copyTheJar() throws IOException {
        jar = Files.copy(JarProcess.jar(), dir.resolve("conveyor.jar"));
    }

    @Test
    void theFirstRunWritesTheArchiveAndEveryRunPrintsOnlyItsOwnOutput() throws Exception {
        Run first = launch(Optional.empty(), "pipelines");
        List<Path> written = archives();
        Run second = launch(Optional.empty(), "pipelines");

        assertEquals(0, first.exit(), first.toString());
        assertEquals(1, written.size(), "the first run wrote one archive: " + written);
        assertTrue(Files.size(written.get(0)) > 0, "the first run wrote " + written);
        assertEquals(0, second.exit(), second.toString());
        assertEquals(written, archives());
        assertEquals(first.out(), second.out());
        assertTrue(second.out().contains("demo"), second.out());
        assertEquals("", first.err() + second.err());
    }

    /** Told to fail unless it maps the cache (AOT) or the shared archive, a later run still runs. */
    @Test
    void aLaterRunMapsTheCacheTheFirstWrote() throws Exception {
        launch(Optional.empty(), "pipelines");
        List<Path> written = archives();
        boolean aot = launcherJdkFeature() >= 25;

        Run mapped = launch(jar, Optional.empty(), Optional.of(aot ? "-XX:AOTMode=on" : "-Xshare:on"), "pipelines");

        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).getFileName().toString().endsWith(aot ? ".aot" : ".jsa"), written.toString());
        assertEquals(0, mapped.exit(), mapped.toString());
        assertTrue(mapped.out().contains("demo"), mapped.out());
        assertEquals("", mapped.err());
    }

    @Test
    void aRebuiltJarGetsAFreshArchiveInPlaceOfTheOldOne() throws Exception {
        launch(Optional.empty(), "pipelines");
        List<Path> before = archives();
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));

        Run rebuilt = launch(Optional.empty(), "pipelines");

        assertEquals(0, rebuilt.exit(), rebuilt.toString());
        List<Path> after = archives();
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(before, after);
    }

    /** A first run stopped before it made its cache leaves its record behind: the next first run removes it. */
    @Test
    void aRecordAStoppedFirstRunLeftIsRemovedByTheNextOne() throws Exception {
        assumeTrue(launcherJdkFeature() >= 25, "records are kept only for AOT caches, JDK 25 and later");
        launch(Optional.empty(), "pipelines");
        String cache = archives().getFirst().getFileName().toString();
        String place = cache.substring(0, cache.indexOf('-', "conveyor-".length()));
        Path stale = Files.writeString(dir.resolve(".cache/conveyor").resolve(place + "-1-2-3.999.aotconf"), "x");
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));

        Run rebuilt = launch(Optional.empty(), "pipelines");

        assertEquals(0, rebuilt.exit(), rebuilt.toString());
        assertFalse(Files.exists(stale), "the stale record is still there: " + archives());
        assertEquals(1, archives().size(), archives().toString());
    }

    @Test
    void twoBuildsSharingTheCacheKeepAnArchiveEach() throws Exception {
        Path other = Files.copy(jar, Files.createDirectories(dir.resolve("other")).resolve("conveyor.jar"));
        Files.setLastModifiedTime(other, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));
        launch(jar, Optional.empty(), "pipelines");
        List<Path> first = archives();

        Run fromOther = launch(other, Optional.empty(), "pipelines");
        Run again = launch(jar, Optional.empty(), "pipelines");

        assertEquals(0, fromOther.exit(), fromOther.toString());
        assertEquals(0, again.exit(), again.toString());
        List<Path> both = archives();
        assertEquals(2, both.size(), both.toString());
        assertTrue(both.containsAll(first), "the first build's archive is still there: " + both);
    }

    @Test
    void anEmptyArchiveFolderRunsWithoutAnArchive() throws Exception {
        Run run = launch(Optional.of(""), "pipelines");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("demo"), run.out());
        assertFalse(Files.exists(dir.resolve(".cache")), "no archive written");
    }

    /** The launcher run by a user whose home is the test's folder, with {@code CONVEYOR_CDS_DIR} when given. */
    private Run launch(Optional<String> cdsDir, String... args) throws IOException, InterruptedException {
        return launch(jar, cdsDir, args);
    }

    private Run launch(Path jar, Optional<String> cdsDir, String... args) throws IOException, InterruptedException {
        return launch(jar, cdsDir, Optional.empty(), args);
    }

    /** The launcher with {@code CONVEYOR_JAVA_OPTS} when given. */
    private Run launch(Path jar, Optional<String> cdsDir, Optional<String> javaOptions, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of("bin/conveyor").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JAVA_HOME", Path.of(JarProcess.java()).getParent().getParent().toString());
        builder.environment().put("CONVEYOR_JAR", jar.toString());
        builder.environment().put("HOME", dir.toString());
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().remove("CONVEYOR_CDS_DIR");
        cdsDir.ifPresent(value -> builder.environment().put("CONVEYOR_CDS_DIR", value));
        builder.environment().remove("CONVEYOR_JAVA_OPTS");
        javaOptions.ifPresent(value -> builder.environment().put("CONVEYOR_JAVA_OPTS", value));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        try (var files = Files.list(dir.resolve(".cache/conveyor"))) {
            return files.sorted().toList();
        }
    }

    /** The feature version of the JDK the launcher runs, from its release file. */
    private static int launcherJdkFeature() throws IOException {
        Path release = Path.of(JarProcess.java()).getParent().getParent().resolve("release");
        Matcher version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE)
                .matcher(Files.readString(release, StandardCharsets.UTF_8));
        if (!version.find()) {
            throw new IllegalStateException("no JAVA_VERSION in " + release);
        }
        return Integer.parseInt(version.group(1));
    }

    private record Run(int exit, String out, String err) {
    }
}
