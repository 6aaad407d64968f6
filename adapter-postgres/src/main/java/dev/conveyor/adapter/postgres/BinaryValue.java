package dev.conveyor.adapter.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Values in PostgreSQL's binary format, as its types' receive functions read them: what the set-based writes send
 * ({@link BinaryRecordArray}), so that the server takes each value as it is instead of parsing it (no literal to scan
 * for quotes, no timestamp, UUID or number text to parse).
 *
 * <p>Values, each null or: {@code int2}, {@code int4}, {@code int8} and {@code float8} a Number; {@code bool} a
 * Boolean; {@code text}, {@code json} and {@code jsonb} a String; {@code uuid} a UUID; {@code timestamptz} an
 * OffsetDateTime or Instant, rounded to the microsecond exactly as PostgreSQL rounds a timestamp's text.
 */
final class BinaryValue {

    /** A type: PostgreSQL's name and OID for it. */
    enum Type {
        INT2("int2", 21, 2),
        INT4("int4", 23, 4),
        INT8("int8", 20, 8),
        FLOAT8("float8", 701, 8),
        BOOL("bool", 16, 1),
        TEXT("text", 25, TEXT_LENGTH),
        JSON("json", 114, TEXT_LENGTH),
        JSONB("jsonb", 3802, TEXT_LENGTH),
        UUID("uuid", 2950, 16),
        TIMESTAMPTZ("timestamptz", 1184, 8);

        private final String sqlName;
        private final int oid;
        /** The byte length of each value, or {@code TEXT_LENGTH} for one sent as its UTF-8 text. */
        private final int length;

        Type(String sqlName, int oid, int length) {
            this.sqlName = sqlName;
            this.oid = oid;
            this.length = length;
        }

        /** The type PostgreSQL names {@code sqlName}. */
        static Type named(String sqlName) {
            for (Type type : values()) {
                if (type.sqlName.equals(sqlName)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("no binary value of " + sqlName);
        }

        String sqlName() {
            return sqlName;
        }

        int oid() {
            return oid;
        }
    }

    /** The length of the types sent as text, whose length each value's text sets. */
    private static final int TEXT_LENGTH = -1;
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    /** The version byte that opens a jsonb value in binary. */
    private static final byte JSONB_VERSION = 1;

    private BinaryValue() {
    }

    /**
     * The UTF-8 text of a {@code value} of a type sent as text, or null for a null or a type of fixed length: worked
     * out once, before the buffer is sized, and passed to {@link #sizeOf} and {@link #put}.
     */
    static byte[] textOf(Type type, Object value) {
        if (value == null || type.length != TEXT_LENGTH) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw mismatch(type, value);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes {@link #put} writes for {@code value}: its length word and itself. */
    static int sizeOf(Type type, Object value, byte[] text) {
        if (value == null) {
            return 4;
        }
        int length = type.length != TEXT_LENGTH ? type.length
                : text.length + (type == Type.JSONB ? 1 : 0);
        return 4 + length;
    }

    /** Writes {@code value} as PostgreSQL's binary receive function for its type reads it, after its length. */
    static void put(ByteBuffer out, Type type, Object value, byte[] text) {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        switch (type) {
            case INT2 -> out.putInt(2).putShort(number(type, value).shortValue());
            case INT4 -> out.putInt(4).putInt(number(type, value).intValue());
            case INT8 -> out.putInt(8).putLong(number(type, value).longValue());
            case FLOAT8 -> out.putInt(8).putDouble(number(type, value).doubleValue());
            case BOOL -> out.putInt(1).put((byte) (bool(type, value) ? 1 : 0));
            case UUID -> {
                UUID id = uuid(type, value);
                out.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            }
            case TIMESTAMPTZ -> out.putInt(8).putLong(postgresMicros(instant(type, value)));
            case TEXT, JSON -> out.putInt(text.length).put(text);
            case JSONB -> out.putInt(text.length + 1).put(JSONB_VERSION).put(text);
        }
    }

    /** {@code value} as the text PostgreSQL reads for its type: what goes in a literal when binary is off. */
    static Object literal(Object value) {
        return switch (value) {
            case OffsetDateTime time -> time.toString();
            case Instant instant -> instant.toString();
            case null, default -> value;
        };
    }

    /**
     * Microseconds since PostgreSQL's epoch, rounded as PostgreSQL rounds a timestamp's text: the fraction of the
     * second read as a double, times a million, rounded half to even. So a time stored through a binary value equals,
     * to the microsecond, the same time stored through its text anywhere else.
     */
    static long postgresMicros(Instant instant) {
        long micros = (long) Math.rint(instant.getNano() / 1e9 * 1e6);
        return Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L) + micros;
    }

    private static Number number(Type type, Object value) {
        boolean fits = switch (type) {
            case INT2 -> value instanceof Short;
            case INT4 -> value instanceof Integer || value instanceof Short;
            case INT8 -> value instanceof Long || value instanceof Integer || value instanceof Short;
            default -> value instanceof Double || value instanceof Float;
        };
        if (!fits) {
            throw mismatch(type, value);
        }
        return (Number) value;
    }

    private static boolean bool(Type type, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw mismatch(type, value);
    }

    private static UUID uuid(Type type, Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        throw mismatch(type, value);
    }

    private static Instant instant(Type type, Object value) {
        return switch (value) {
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw mismatch(type, value);
        };
    }

    private static IllegalArgumentException mismatch(Type type, Object value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "no %s value for a %s",
                type.sqlName, value.getClass().getName()));
    }
}
