package dev.conveyor.adapter.notify;

import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret in the Standard Webhooks form: {@code whsec_} and the key's bytes in base64
 * (24 to 64 bytes). Its text is never printed.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** Reads {@code whsec_<base64>}; says what is wrong without repeating the secret. */
    public static WebhookSecret parse(String text) {
        Objects.requireNonNull(text, "secret must not be null");
        String value = text.strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with 'whsec_' followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret after 'whsec_' must be base64: " + e.getMessage(), e);
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret must hold 24 to 64 bytes, this one holds "
                    + key.length);
        }
        return new WebhookSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "whsec_…";
    }
}
