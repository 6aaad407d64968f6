package dev.conveyor.core.store;

import dev.conveyor.model.JobId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** The in-memory store's opaque page cursor: the creation instant and id of the last job of a page, in base64. */
final class ListCursor {

    private static final char SEPARATOR = '|';

    private ListCursor() {
    }

    static String encode(IndexKey last) {
        String text = last.at().toString() + SEPARATOR + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static IndexKey decode(String cursor) {
        Objects.requireNonNull(cursor, "cursor must not be null");
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int split = text.lastIndexOf(SEPARATOR);
            if (split < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new IndexKey(Instant.parse(text.substring(0, split)), JobId.parse(text.substring(split + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor '" + cursor
                    + "' is not one this store gave out: pass a page's nextCursor unchanged", e);
        }
    }
}
