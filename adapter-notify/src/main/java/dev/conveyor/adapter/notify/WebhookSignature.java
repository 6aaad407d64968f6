package dev.conveyor.adapter.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 HMAC-SHA256, under the endpoint's secret, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. Any Standard Webhooks library verifies them.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header's value for this message. */
    public static String sign(WebhookSecret secret, String messageId, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, messageId + "." + timestampSeconds + "."
                + body));
    }

    /**
     * Whether {@code header} (space-separated signatures, as a sender rotating secrets may send) holds a valid
     * {@code v1} signature of this message. Checking the timestamp's age is the receiver's part.
     */
    public static boolean verify(WebhookSecret secret, String messageId, long timestampSeconds, String body,
                                 String header) {
        byte[] expected = sign(secret, messageId, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : header.strip().split(" +")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(WebhookSecret secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
