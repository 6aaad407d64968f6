package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parameter arrays the set-based writes send, rows of a composite type, read back by the real PostgreSQL: in
 * binary, as the store sends them, and as the literal text a driver without binary transfer would send. Both must
 * store exactly the same values, of every type a write's row holds.
 */
class BinaryRecordArrayTest {

    private static final String SCHEMA = "t_binary_record_array_" + UUID.randomUUID().toString().substring(0, 8);

    /** One composite type per value type, {@code holder_<type>(n int4, v <type>)}, in a schema of the test's own. */
    @BeforeAll
    static void createTypes() {
        StringBuilder sql = new StringBuilder("create schema " + SCHEMA + ";");
        for (BinaryValue.Type type : BinaryValue.Type.values()) {
            sql.append(" create type ").append(SCHEMA).append(".holder_").append(type.sqlName())
                    .append(" as (n int4, v ").append(type.sqlName()).append(");");
        }
        TestDatabase.execute(sql.toString());
    }

    @AfterAll
    static void dropTypes() {
        TestDatabase.execute("drop schema " + SCHEMA + " cascade");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void textValuesComeBackAsTheyWereWhateverTheyHold(boolean binary) throws Exception {
        Object[] texts = {"plain", "", "NULL", null, "with \"quotes\"", "back\\slash\\", "{braces}, and, commas",
                "(parens)", " spaces ", "ünïcødé ✓ 𝄞", "line\nbreak\ttab", "\\\"", "{\"a\": [1, \"b\\\"c\"]}"};

        assertEquals(Arrays.asList(texts), roundTrip(binary, "text", texts));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jsonValuesAreReadAsJson(boolean binary) throws Exception {
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
    void anEmptyArrayHasNoRows() throws Exception {
        assertEquals(List.of(), roundTrip(true, "text", new Object[0]));
        assertEquals(List.of(), roundTrip(false, "uuid", new Object[0]));
    }

    /** Every row type the store's writes send is in the migrated schema, and each connection sends it in binary. */
    @Test
    void theStoresConnectionsSendTheirWritesRowsInBinary() {
        PostgresConfig config = TestDatabase.freshSchema(BinaryRecordArrayTest.class);
        try (Database database = Database.open(config, SchemaMigration.start(config))) {
            for (String rowType : List.of(JobWrites.INSERT.rowType(), JobWrites.UPDATE.rowType(),
                    JobWrites.PROGRESS.rowType(), SetWrite.EVENT_ROW, SetWrite.OUTBOX_ROW)) {
                boolean binary = database.jdbc(connection -> {
                    try (PreparedStatement statement = connection.prepareStatement("select cardinality(?::"
                            + rowType + "[])")) {
                        BinaryRecordArray.bind(connection, statement, 1, rowType, List.of(), List.of());
                        try (ResultSet result = statement.executeQuery()) {
                            assertTrue(result.next());
                            assertEquals(0, result.getInt(1));
                        }
                    }
                    BaseConnection driver = connection.unwrap(BaseConnection.class);
                    return driver.binaryTransferSend(driver.getTypeInfo().getPGArrayType(rowType));
                });
                assertTrue(binary, rowType);
            }
        } finally {
            TestDatabase.closeAndDrop(null, config);
        }
    }

    @Test
    void aTypeTheSchemaLacksIsNamedInTheError() throws Exception {
        try (Connection connection = TestDatabase.open();
             PreparedStatement statement = connection.prepareStatement("select ?::text")) {
            SQLException refused = assertThrows(SQLException.class, () -> BinaryRecordArray.bind(connection,
                    statement, 1, "no_such_row", List.of(BinaryValue.Type.INT4), List.of()));

            assertTrue(refused.getMessage().startsWith("no composite type no_such_row in the schema"),
                    refused.getMessage());
        }
    }

    @Test
    void aValueOfAnotherKindIsRefusedWithItsType() {
        BinaryRecordArray array = BinaryRecordArray.of("holder_int4", 1, List.of(BinaryValue.Type.INT4),
                List.<Object[]>of(new Object[] {"7"}));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, array::lengthInBytes);
        assertEquals("no int4 value for a java.lang.String", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinaryValue.Type.named("money"));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> BinaryRecordArray.of("holder_int4", 1, List.of(BinaryValue.Type.INT4, BinaryValue.Type.INT4),
                        List.<Object[]>of(new Object[] {7})));
        assertEquals("a row of 1 values for a holder_int4 of 2 columns", tooShort.getMessage());
    }

    /**
     * Binds {@code values} as the {@code v} of rows of {@code holder_<type>}, as the set-based writes bind their rows
     * (or as the literal text), and reads each {@code v} back as PostgreSQL's text, in order.
     */
    private static List<String> roundTrip(boolean binary, String type, Object[] values) throws SQLException {
        String holder = "holder_" + type;
        List<BinaryValue.Type> columns = List.of(BinaryValue.Type.INT4, BinaryValue.Type.named(type));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {i, values[i]});
        }
        try (Connection connection = TestDatabase.open()) {
            try (Statement settings = connection.createStatement()) {
                settings.execute("set timezone = 'UTC'; set search_path = " + SCHEMA);
            }
            try (PreparedStatement statement = connection.prepareStatement(String.format(Locale.ROOT,
                    "select u.v::text from unnest(?::%s[]) as u(n, v) order by u.n", holder))) {
                if (binary) {
                    BinaryRecordArray.bind(connection, statement, 1, holder, columns, rows);
                } else {
                    statement.setString(1, BinaryRecordArray.of(holder, 0, columns, rows).getValue());
                }
                List<String> read = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        read.add(result.getString(1));
                    }
                }
                return read;
            }
        }
    }
}
