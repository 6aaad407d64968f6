package dev.conveyor.adapter.rest.auth;

import dev.conveyor.model.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer tokens the server accepts, each mapped to a tenant and a role. Tokens are kept only as SHA-256
 * digests and a presented token is compared with every one of them in constant time, so neither the
 * answer's timing nor a memory dump gives a token away.
 */
public final class Tokens {

    public static final int MIN_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{" + MIN_LENGTH + ",512}");

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code CONVEYOR_TOKENS}: {@code token:tenant:role} entries separated by commas.
     *
     * @throws IllegalArgumentException naming the entry (by position, never by its token) that is wrong
     */
    public static Tokens parseList(String spec) {
        List<String[]> entries = new ArrayList<>();
        String[] parts = spec.split(",");
        for (String part : parts) {
            if (!part.isBlank()) {
                entries.add(part.strip().split(":", -1));
            }
        }
        return build(entries, "CONVEYOR_TOKENS entry", "token:tenant:role");
    }

    /** Reads a tokens file: one {@code token tenant role} a line; blank lines and {@code #} comments are skipped. */
    public static Tokens parseLines(List<String> lines) {
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                entries.add(text.split("\\s+"));
            }
        }
        return build(entries, "tokens file entry", "token tenant role");
    }

    /** A fresh random token with the write role for {@code tenant}, for development when none is configured. */
    public static Generated generate(TenantId tenant) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Caller caller = new Caller(tenant, Role.WRITE);
        return new Generated(token, caller, new Tokens(List.of(new Entry(digest(token), caller))));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The caller a presented token stands for, if any; takes the same time whichever token matches. */
    public Optional<Caller> authenticate(String presented) {
        byte[] candidate = digest(presented);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(candidate, entry.digest()) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static Tokens build(List<String[]> fields, String what, String format) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String[] f = fields.get(i);
            String where = what + " " + (i + 1);
            if (f.length != 3) {
                throw new IllegalArgumentException(where + " must be '" + format + "'");
            }
            if (!TOKEN.matcher(f[0]).matches()) {
                throw new IllegalArgumentException(where + ": a token must be " + MIN_LENGTH + " to 512 letters, "
                        + "digits or . _ ~ + / = - (e.g. from: openssl rand -hex 24)");
            }
            if (!seen.add(f[0])) {
                throw new IllegalArgumentException(where + " repeats the token of an earlier entry");
            }
            TenantId tenant;
            try {
                tenant = TenantId.of(f[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            Role role = Role.parse(f[2]).orElseThrow(() ->
                    new IllegalArgumentException(where + ": the role must be 'read', 'write' or 'admin', got '" + f[2] + "'"));
            entries.add(new Entry(digest(f[0]), new Caller(tenant, role)));
        }
        return new Tokens(entries);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Entry(byte[] digest, Caller caller) {
    }

    /** A generated development token, to print once at start. */
    public record Generated(String token, Caller caller, Tokens tokens) {
    }
}
