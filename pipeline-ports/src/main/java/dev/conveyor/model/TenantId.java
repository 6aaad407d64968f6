package dev.conveyor.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The owner of jobs (the seeds' firm or user). Every read and write of a job is scoped by its tenant:
 * one tenant never sees another's jobs.
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TenantId {
        Objects.requireNonNull(value, "tenant must not be null");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got '"
                            + value + "'");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
