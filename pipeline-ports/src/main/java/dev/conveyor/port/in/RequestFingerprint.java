package dev.conveyor.port.in;

import dev.conveyor.model.PipelineOptions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical fingerprint of a submit ({@link SubmitJob#fingerprint()}): {@code v1:} and the SHA-256, in hex, of
 * a canonical JSON text of pipeline, input, options and start. The version prefix lets the definition change
 * without old fingerprints matching new ones by accident.
 */
final class RequestFingerprint {

    private static final String VERSION = "v1:";

    private RequestFingerprint() {
    }

    static String of(SubmitJob command) {
        StringBuilder text = new StringBuilder();
        text.append("{\"input\":");
        value(command.input().values(), text);
        text.append(",\"options\":");
        options(command.options(), text);
        text.append(",\"pipeline\":");
        string(command.pipeline(), text);
        text.append(",\"start\":").append(command.start()).append('}');
        return VERSION + sha256(text.toString());
    }

    private static void options(PipelineOptions options, StringBuilder text) {
        text.append("{\"auto_approve_above\":");
        number(options.autoApproveAbove(), text);
        text.append(",\"continue_past_failure\":");
        value(List.copyOf(new TreeSet<>(options.continuePastFailure())), text);
        text.append(",\"force_reprocess\":").append(options.forceReprocess());
        text.append(",\"notify_on_review\":").append(options.notifyOnReview());
        text.append(",\"skip_review\":").append(options.skipReview());
        text.append(",\"start_from\":");
        value(options.startFrom().orElse(null), text);
        text.append('}');
    }

    private static void value(Object value, StringBuilder text) {
        switch (value) {
            case null -> text.append("null");
            case String s -> string(s, text);
            case Boolean b -> text.append(b);
            case Number n -> number(n, text);
            case List<?> list -> {
                text.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    value(list.get(i), text);
                }
                text.append(']');
            }
            case Map<?, ?> map -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                text.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                    if (!first) {
                        text.append(',');
                    }
                    first = false;
                    string(entry.getKey(), text);
                    text.append(':');
                    value(entry.getValue(), text);
                }
                text.append('}');
            }
            default -> string(value.toString(), text);
        }
    }

    /** Numbers by value: 1, 1L and 1.0 all read {@code 1}; 0.5 and 0.50 both {@code 0.5}. */
    private static void number(Number number, StringBuilder text) {
        BigDecimal exact = switch (number) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> new BigDecimal(Double.toString(d));
            case Float f -> new BigDecimal(Float.toString(f));
            default -> BigDecimal.valueOf(number.longValue());
        };
        text.append(exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString());
    }

    private static void string(String value, StringBuilder text) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
