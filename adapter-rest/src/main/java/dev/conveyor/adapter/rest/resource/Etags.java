package dev.conveyor.adapter.rest.resource;

/**
 * Strong entity tags computed from a response body's bytes, and the {@code If-None-Match} test. The tag is a
 * 64-bit FNV-1a hash: cheap enough for every poll, and it changes whenever any byte of the body does.
 */
final class Etags {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Etags() {
    }

    static String of(byte[] body) {
        long hash = OFFSET;
        for (byte b : body) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return "\"" + Long.toHexString(hash) + "-" + Integer.toHexString(body.length) + "\"";
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
