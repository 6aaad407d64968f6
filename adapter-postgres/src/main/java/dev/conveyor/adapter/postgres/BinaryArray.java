package dev.conveyor.adapter.postgres;

import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * A parameter array sent in PostgreSQL's binary array format, so that the server takes each element as it is
 * instead of parsing it: no array literal to scan for quotes, no timestamp, UUID or number text to parse. The
 * set-based writes send a few dozen arrays per group commit, and parsing their text was the largest single cost of
 * the statements on the server after the rows' own writing. The driver sends it as binary when its connection
 * enables binary transfer for the array's type ({@link #ENABLED_TYPES}, which {@link Database} sets); otherwise it
 * sends {@link #getValue()}, the same array as literal text ({@link ArrayLiteral}), so a connection configured
 * otherwise still writes the same values.
 *
 * <p>Elements, each null or: {@code int2}, {@code int4}, {@code int8} and {@code float8} a Number; {@code bool} a
 * Boolean; {@code text}, {@code json} and {@code jsonb} a String; {@code uuid} a UUID; {@code timestamptz} an
 * OffsetDateTime or Instant, rounded to the microsecond exactly as PostgreSQL rounds a timestamp's text.
 */
final class BinaryArray extends PGobject implements PGBinaryObject {

    /** The array types whose parameters the driver should send as binary: the driver's names for their OIDs. */
    static final String ENABLED_TYPES = Arrays.stream(Element.values()).map(element -> element.driverName)
            .reduce((a, b) -> a + "," + b).orElseThrow();

    /** An element type: PostgreSQL's name and OID for it, and the driver's name for its array type's OID. */
    enum Element {
        INT2("int2", 21, "INT2_ARRAY", 2),
        INT4("int4", 23, "INT4_ARRAY", 4),
        INT8("int8", 20, "INT8_ARRAY", 8),
        FLOAT8("float8", 701, "FLOAT8_ARRAY", 8),
        BOOL("bool", 16, "BOOL_ARRAY", 1),
        TEXT("text", 25, "TEXT_ARRAY", TEXT_LENGTH),
        JSON("json", 114, "JSON_ARRAY", TEXT_LENGTH),
        JSONB("jsonb", 3802, "JSONB_ARRAY", TEXT_LENGTH),
        UUID("uuid", 2950, "UUID_ARRAY", 16),
        TIMESTAMPTZ("timestamptz", 1184, "TIMESTAMPTZ_ARRAY", 8);

        private final String sqlName;
        private final int oid;
        private final String driverName;
        /** The byte length of each element, or {@code TEXT_LENGTH} for one sent as its UTF-8 text. */
        private final int length;

        Element(String sqlName, int oid, String driverName, int length) {
            this.sqlName = sqlName;
            this.oid = oid;
            this.driverName = driverName;
            this.length = length;
        }

        /** The element type PostgreSQL names {@code sqlName}. */
        static Element named(String sqlName) {
            for (Element element : values()) {
                if (element.sqlName.equals(sqlName)) {
                    return element;
                }
            }
            throw new IllegalArgumentException("no binary array of " + sqlName);
        }

        String sqlName() {
            return sqlName;
        }
    }

    /** The element length of the types sent as text, whose length each element's text sets. */
    private static final int TEXT_LENGTH = -1;
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    /** The version byte that opens a jsonb value in binary. */
    private static final byte JSONB_VERSION = 1;

    private final Element element;
    private final Object[] values;
    private byte[] bytes;

    private BinaryArray(Element element, Object[] values) {
        this.element = element;
        this.values = values;
        setType(element.sqlName + "[]");
    }

    /** Binds {@code values} as an array of {@code elementType} (PostgreSQL's name) at {@code parameter}. */
    static void bind(PreparedStatement statement, int parameter, String elementType, Object[] values)
            throws SQLException {
        statement.setObject(parameter, of(Element.named(elementType), values));
    }

    static BinaryArray of(Element element, Object[] values) {
        return new BinaryArray(element, values);
    }

    /** The array as PostgreSQL's literal text: what the driver sends when binary transfer is off. */
    @Override
    public String getValue() {
        Object[] texts = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            texts[i] = switch (values[i]) {
                case OffsetDateTime time -> time.toString();
                case Instant instant -> instant.toString();
                case null, default -> values[i];
            };
        }
        return ArrayLiteral.of(texts);
    }

    @Override
    public int lengthInBytes() {
        return encoded().length;
    }

    @Override
    public void toBytes(byte[] target, int offset) {
        byte[] encoded = encoded();
        System.arraycopy(encoded, 0, target, offset, encoded.length);
    }

    /** Parameters are only ever sent, never read back as this type. */
    @Override
    public void setByteValue(byte[] value, int offset) throws SQLException {
        throw new SQLFeatureNotSupportedException("a " + getType() + " parameter array is never read back");
    }

    private byte[] encoded() {
        if (bytes == null) {
            bytes = encode();
        }
        return bytes;
    }

    /**
     * The binary array: dimensions (0 when empty, else 1), a flag for nulls, the element type's OID, the length and
     * lower bound (1) of the one dimension, then each element as its length (-1 for null) and its bytes.
     */
    private byte[] encode() {
        byte[][] texts = new byte[values.length][];
        int size = values.length == 0 ? 12 : 20;
        boolean nulls = false;
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                nulls = true;
                size += 4;
            } else {
                int length = element.length;
                if (length == TEXT_LENGTH) {
                    texts[i] = text(value);
                    length = texts[i].length + (element == Element.JSONB ? 1 : 0);
                }
                size += 4 + length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(values.length == 0 ? 0 : 1).putInt(nulls ? 1 : 0).putInt(element.oid);
        if (values.length > 0) {
            out.putInt(values.length).putInt(1);
        }
        for (int i = 0; i < values.length; i++) {
            put(out, values[i], texts[i]);
        }
        return out.array();
    }

    private byte[] text(Object value) {
        if (!(value instanceof String text)) {
            throw mismatch(value);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void put(ByteBuffer out, Object value, byte[] text) {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        switch (element) {
            case INT2 -> out.putInt(2).putShort(number(value).shortValue());
            case INT4 -> out.putInt(4).putInt(number(value).intValue());
            case INT8 -> out.putInt(8).putLong(number(value).longValue());
            case FLOAT8 -> out.putInt(8).putDouble(number(value).doubleValue());
            case BOOL -> out.putInt(1).put((byte) (bool(value) ? 1 : 0));
            case UUID -> {
                UUID id = uuid(value);
                out.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            }
            case TIMESTAMPTZ -> out.putInt(8).putLong(postgresMicros(instant(value)));
            case TEXT, JSON -> out.putInt(text.length).put(text);
            case JSONB -> out.putInt(text.length + 1).put(JSONB_VERSION).put(text);
        }
    }

    /**
     * Microseconds since PostgreSQL's epoch, rounded as PostgreSQL rounds a timestamp's text: the fraction of the
     * second read as a double, times a million, rounded half to even. So a time stored through this array equals,
     * to the microsecond, the same time stored through its text anywhere else.
     */
    static long postgresMicros(Instant instant) {
        long micros = (long) Math.rint(instant.getNano() / 1e9 * 1e6);
        return Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L) + micros;
    }

    private Number number(Object value) {
        boolean fits = switch (element) {
            case INT2 -> value instanceof Short;
            case INT4 -> value instanceof Integer || value instanceof Short;
            case INT8 -> value instanceof Long || value instanceof Integer || value instanceof Short;
            default -> value instanceof Double || value instanceof Float;
        };
        if (!fits) {
            throw mismatch(value);
        }
        return (Number) value;
    }

    private boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw mismatch(value);
    }

    private UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        throw mismatch(value);
    }

    private Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw mismatch(value);
        };
    }

    private IllegalArgumentException mismatch(Object value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "no %s array element for a %s",
                element.sqlName, value.getClass().getName()));
    }
}
