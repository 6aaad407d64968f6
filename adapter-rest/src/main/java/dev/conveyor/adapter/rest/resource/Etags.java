package dev.conveyor.adapter.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.json.Envelope;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Strong entity tags computed from a response body's bytes, and the {@code If-None-Match} test. The tag is a
 * 64-bit FNV-1a hash: cheap enough for every poll, and it changes whenever any byte of the body does.
 */
final class Etags {

    /** Pollers must ask again every time, and may send the tag back to get a 304 while nothing changed. */
    static final String CACHE_CONTROL = "private, no-cache";

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Etags() {
    }

    /** A rendered body and its strong ETag. */
    record Tagged(byte[] bytes, String etag) {
    }

    /** {@code body} with its tag. */
    static Tagged tagged(byte[] body) {
        return new Tagged(body, of(body));
    }

    static String of(byte[] body) {
        long hash = OFFSET;
        for (byte b : body) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return "\"" + Long.toHexString(hash) + "-" + Integer.toHexString(body.length) + "\"";
    }

    /**
     * A JSON body of the API with its ETag, or 304 with no body when {@code ifNoneMatch} names it already: what
     * every polled read answers.
     */
    static Response conditional(ObjectWriter writer, Envelope envelope, String ifNoneMatch)
            throws JsonProcessingException {
        return conditional(tagged(writer.writeValueAsBytes(envelope)), ifNoneMatch);
    }

    /** A rendered JSON body with its ETag, or 304 with no body when {@code ifNoneMatch} names it already. */
    static Response conditional(Tagged body, String ifNoneMatch) {
        Response.ResponseBuilder response = matches(ifNoneMatch, body.etag()) ? Response.notModified()
                : Response.ok(body.bytes(), MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, body.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }

    /** True when {@code ifNoneMatch} (a list of tags, possibly weak, or {@code *}) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
