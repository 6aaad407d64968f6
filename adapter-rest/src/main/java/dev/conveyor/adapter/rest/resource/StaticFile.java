package dev.conveyor.adapter.rest.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * One file of the web dashboard as packaged in the jar, under {@value #FOLDER}: its bytes, media type and ETag,
 * read once.
 */
record StaticFile(byte[] body, String mediaType, String etag) {

    static final String FOLDER = "/dev/conveyor/adapter/rest/web/";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml");

    /**
     * The file {@code name} of the dashboard's folder, if there is one of a served type. The name is a plain file
     * name (the resource's path template lets no slash through), so nothing outside the folder can be read.
     */
    static Optional<StaticFile> load(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || name.contains("/") || name.contains("\\")) {
            return Optional.empty();
        }
        try (InputStream in = StaticFile.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new StaticFile(body, type, Etags.of(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name + " from the jar", e);
        }
    }
}
