package dev.conveyor.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of a tenant's jobs ended: the last job's creation time and id (keyset pagination, newest
 * first). Opaque to callers: URL-safe Base64 of {@code v1|<epoch seconds>|<nanos>|<uuid>}.
 */
record ListCursor(Instant createdAt, UUID id) {

    private static final String VERSION = "v1";

    ListCursor {
        Objects.requireNonNull(createdAt, "cursor createdAt must not be null");
        Objects.requireNonNull(id, "cursor id must not be null");
    }

    String encode() {
        String text = VERSION + "|" + createdAt.getEpochSecond() + "|" + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            return new ListCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this store gave out: "
                    + "pass the nextCursor of the previous page, or no cursor for the first page", e);
        }
    }
}
