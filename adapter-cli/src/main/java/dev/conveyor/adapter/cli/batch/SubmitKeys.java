package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.JobId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The idempotency key a run submits an item's job under: derived from the pipeline, the item and the job the new one
 * supersedes (none for an item's first job; the cancelled or forced-over job otherwise). Two runs that plan the same
 * item from the same history at the same time thus make one job between them, which both follow, while a later
 * {@code --force} or a run after a cancel, seeing a newer history, makes a new one as documented.
 */
final class SubmitKeys {

    private static final String PREFIX = "conveyor-run:";

    private SubmitKeys() {
    }

    static IdempotencyKey of(String pipeline, Item item, Optional<JobId> supersedes) {
        String basis = pipeline + '\n' + item.value() + '\n' + supersedes.map(JobId::toString).orElse("first");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return IdempotencyKey.of(PREFIX + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
