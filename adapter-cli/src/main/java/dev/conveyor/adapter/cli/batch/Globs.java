package dev.conveyor.adapter.cli.batch;

import dev.conveyor.adapter.cli.terminal.CliException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File globs the shell did not expand: {@code 'items/*.txt'}, {@code 'docs/**}{@code /*.md'}. Matches are sorted. */
final class Globs {

    private static final String GLOB_CHARS = "*?[{";

    private Globs() {
    }

    static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    static List<Path> expand(Path workingDir, String pattern) {
        String[] segments = pattern.split("/", -1);
        List<String> base = new ArrayList<>();
        int i = 0;
        while (i < segments.length - 1 && !isGlob(segments[i])) {
            base.add(segments[i]);
            i++;
        }
        Path start = pattern.startsWith("/") ? Path.of("/" + String.join("/", base))
                : workingDir.resolve(String.join("/", base));
        start = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> rest = List.of(segments).subList(i, segments.length);
        String glob = start.toString().replace("\\", "\\\\") + (start.toString().endsWith("/") ? "" : "/")
                + String.join("/", rest);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = rest.contains("**") || rest.stream().anyMatch(s -> s.contains("**")) ? Integer.MAX_VALUE : rest.size();
        try (Stream<Path> walk = Files.walk(start, depth)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot expand '" + pattern + "': " + e.getMessage(), e);
        }
    }
}
