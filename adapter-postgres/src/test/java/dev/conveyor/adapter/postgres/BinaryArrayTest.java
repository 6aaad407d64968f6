package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parameter arrays the set-based writes send, read back by the real PostgreSQL as each element type: in binary
 * when the connection enables it, as the store's connections do, and as literal text when it does not. Both must
 * store exactly the same values.
 */
class BinaryArrayTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void textElementsComeBackAsTheyWereWhateverTheyHold(boolean binary) throws Exception {
        Object[] texts = {"plain", "", "NULL", null, "with \"quotes\"", "back\\slash\\", "{braces}, and, commas",
                " spaces ", "ünïcødé ✓ 𝄞", "line\nbreak\ttab", "\\\"", "{\"a\": [1, \"b\\\"c\"]}"};

        assertEquals(Arrays.asList(texts), roundTrip(binary, "text", texts));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jsonElementsAreReadAsJson(boolean binary) throws Exception {
        Object[] json = {"{\"name\": \"say \\\"hi\\\"\", \"path\": \"C:\\\\x\", \"é\": 1}", "[]", null};

        assertEquals(Arrays.asList("{\"é\": 1, \"name\": \"say \\\"hi\\\"\", \"path\": \"C:\\\\x\"}", "[]", null),
                roundTrip(binary, "jsonb", json));
        assertEquals(Arrays.asList(json), roundTrip(binary, "json", json));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void numbersBooleansAndUuidsKeepTheirValues(boolean binary) throws Exception {
        UUID id = UUID.randomUUID();

        assertEquals(Arrays.asList(id.toString(), null), roundTrip(binary, "uuid", new Object[] {id, null}));
        assertEquals(List.of("true", "false"), roundTrip(binary, "bool", new Object[] {true, false}));
        assertEquals(List.of("-7", "2147483647"), roundTrip(binary, "int4", new Object[] {-7, Integer.MAX_VALUE}));
        assertEquals(List.of("9223372036854775807", "-1"),
                roundTrip(binary, "int8", new Object[] {Long.MAX_VALUE, -1L}));
        assertEquals(List.of("12"), roundTrip(binary, "int2", new Object[] {(short) 12}));
        assertEquals(List.of("0.1", "1e-07", "NaN", "Infinity"),
                roundTrip(binary, "float8", new Object[] {0.1, 1.0e-7, Double.NaN, Double.POSITIVE_INFINITY}));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void timesAreStoredToTheMicrosecond(boolean binary) throws Exception {
        Object[] times = {OffsetDateTime.parse("2026-11-29T17:09:00.123456Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("1970-01-01T00:00:00Z"), null};

        assertEquals(Arrays.asList("2026-11-29 17:09:00.123456+00", "1999-12-31 23:59:59.999999+00",
                "1970-01-01 00:00:00+00", null), roundTrip(binary, "timestamptz", times));
    }

    /**
     * A time finer than a microsecond is rounded in binary exactly as PostgreSQL rounds its text, halves included,
     * so a row written through one path and compared with a time written through the other still matches.
     */
    @Test
    void subMicrosecondTimesRoundAsPostgresRoundsTheirText() throws Exception {
        List<Object> times = new ArrayList<>();
        for (int nanos : new int[] {0, 1, 499, 500, 501, 1_500, 2_500, 123_456_500, 999_999_499, 999_999_500,
                999_999_999, 5_000_500, 17_500, 1_234_567_890 % 1_000_000_000}) {
            times.add(Instant.ofEpochSecond(1_795_000_000L, nanos));
            times.add(Instant.ofEpochSecond(-1L, nanos));
        }
        for (int i = 0; i < 200; i++) {
            times.add(Instant.ofEpochSecond(1_700_000_000L + i * 7_919L, (i * 104_729L * 9_973L) % 1_000_000_000L));
        }
        Object[] values = times.toArray();

        assertEquals(roundTrip(false, "timestamptz", values), roundTrip(true, "timestamptz", values));
    }

    @Test
    void anEmptyArrayHasNoElements() throws Exception {
        assertEquals(List.of(), roundTrip(true, "text", new Object[0]));
        assertEquals(List.of(), roundTrip(false, "uuid", new Object[0]));
    }

    @Test
    void theStoresConnectionsSendEveryElementTypeInBinary() {
        PostgresConfig config = TestDatabase.freshSchema(BinaryArrayTest.class);
        try (Database database = Database.open(config, SchemaMigration.start(config))) {
            for (BinaryArray.Element element : BinaryArray.Element.values()) {
                int oid = database.jdbc(connection -> connection.unwrap(BaseConnection.class).getTypeInfo()
                        .getPGArrayType(element.sqlName()));
                boolean binary = database.jdbc(connection -> connection.unwrap(BaseConnection.class)
                        .binaryTransferSend(oid));
                assertTrue(binary, element.sqlName());
            }
        } finally {
            TestDatabase.closeAndDrop(null, config);
        }
        assertFalse(sentInBinary(false), "a connection without the setting sends the text");
    }

    @Test
    void anElementOfAnotherKindIsRefusedWithItsType() {
        BinaryArray array = BinaryArray.of(BinaryArray.Element.named("int4"), new Object[] {"7"});

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, array::lengthInBytes);
        assertEquals("no int4 array element for a java.lang.String", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinaryArray.Element.named("money"));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryArray.of(BinaryArray.Element.named("text"), new Object[] {new Object()}).getValue());
    }

    /** Whether the driver sends {@code uuid[]} parameters in binary on such a connection. */
    private static boolean sentInBinary(boolean enabled) {
        try (Connection connection = open(enabled)) {
            return connection.unwrap(BaseConnection.class).binaryTransferSend(Oid.UUID_ARRAY);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds the array as the set-based writes do and reads its elements back as PostgreSQL's text. */
    private static List<String> roundTrip(boolean binary, String type, Object[] values) throws SQLException {
        try (Connection connection = open(binary);
             PreparedStatement statement = connection.prepareStatement("select u::text from unnest(?::" + type
                     + "[]) with ordinality as t(u, n) order by n")) {
            connection.createStatement().execute("set timezone = 'UTC'");
            BinaryArray.bind(statement, 1, type, values);
            List<String> elements = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    elements.add(rows.getString(1));
                }
            }
            return elements;
        }
    }

    private static Connection open(boolean binary) throws SQLException {
        if (!binary) {
            return TestDatabase.open();
        }
        Properties properties = new Properties();
        properties.setProperty("user", TestDatabase.USER);
        if (!TestDatabase.PASSWORD.isEmpty()) {
            properties.setProperty("password", TestDatabase.PASSWORD);
        }
        properties.setProperty("binaryTransferEnable", BinaryArray.ENABLED_TYPES);
        return DriverManager.getConnection(TestDatabase.URL, properties);
    }
}
