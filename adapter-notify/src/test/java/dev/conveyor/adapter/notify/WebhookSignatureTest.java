package dev.conveyor.adapter.notify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signatures as the Standard Webhooks specification defines them, checked against its published test vector
 * (the same values an independent {@code openssl dgst -sha256 -mac HMAC} computes).
 */
class WebhookSignatureTest {

    private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    @Test
    void theSpecificationsTestVectorSignsAsPublished() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void aSignatureVerifiesAmongOthersAndNotForAnotherBodyTimeOrSecret() {
        String header = "v1,bm90IGEgc2lnbmF0dXJl " + WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP,
                SPEC_BODY);
        assertTrue(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header));
        assertFalse(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, "{\"test\": 2432232315}", header));
        assertFalse(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, header));
        WebhookSecret other = WebhookSecret.parse("whsec_" + java.util.Base64.getEncoder().encodeToString(
                "another secret of 32 bytes......".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(WebhookSignature.verify(other, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header));
    }

    @Test
    void aSecretMustBeWhsecAndBase64OfEnoughBytesAndIsNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_not base64!"));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecret.parse("whsec_c2hvcnQ="));
        assertTrue(tooShort.getMessage().contains("24 to 64 bytes"), tooShort.getMessage());
        assertFalse(SPEC_SECRET.toString().contains("MfKQ"));
    }
}
