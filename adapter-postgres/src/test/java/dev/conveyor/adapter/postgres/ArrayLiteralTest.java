package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The array literals the set-based writes send, read back by the real PostgreSQL as each element type. */
class ArrayLiteralTest {

    @Test
    void textElementsComeBackAsTheyWereWhateverTheyHold() throws Exception {
        Object[] texts = {"plain", "", "NULL", null, "with \"quotes\"", "back\\slash\\", "{braces}, and, commas",
                " spaces ", "ünïcødé ✓", "line\nbreak\ttab", "\\\"", "{\"a\": [1, \"b\\\"c\"]}"};

        assertEquals(Arrays.asList(texts), roundTrip("text", texts));
    }

    @Test
    void jsonElementsAreParsedAsJson() throws Exception {
        Object[] json = {"{\"name\": \"say \\\"hi\\\"\", \"path\": \"C:\\\\x\"}", "[]", null};

        assertEquals(Arrays.asList("{\"name\": \"say \\\"hi\\\"\", \"path\": \"C:\\\\x\"}", "[]", null),
                roundTrip("jsonb", json));
    }

    @Test
    void numbersBooleansUuidsAndTimesGoBare() throws Exception {
        UUID id = UUID.randomUUID();

        assertEquals(Arrays.asList(id.toString(), null), roundTrip("uuid", new Object[] {id, null}));
        assertEquals(List.of("true", "false"), roundTrip("bool", new Object[] {true, false}));
        assertEquals(List.of("-7", "2147483647"), roundTrip("int4", new Object[] {-7, Integer.MAX_VALUE}));
        assertEquals(List.of("9223372036854775807"), roundTrip("int8", new Object[] {Long.MAX_VALUE}));
        assertEquals(List.of("12"), roundTrip("int2", new Object[] {(short) 12}));
        assertEquals(List.of("0.1", "1e-07", "NaN", "Infinity"),
                roundTrip("float8", new Object[] {0.1, 1.0e-7, Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals(List.of("2026-11-29 17:09:00.123456+00"),
                roundTrip("timestamptz", new Object[] {"2026-11-29T17:09:00.123456Z"}));
    }

    @Test
    void anEmptyArrayHasNoElements() throws Exception {
        assertEquals(List.of(), roundTrip("text", new Object[0]));
    }

    @Test
    void anElementOfAnotherKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArrayLiteral.of(new Object[] {new Object()}));
    }

    /** Binds the array as the set-based writes do and reads its elements back as PostgreSQL's text. */
    private static List<String> roundTrip(String type, Object[] values) throws Exception {
        try (Connection connection = TestDatabase.open();
             PreparedStatement statement = connection.prepareStatement("select u::text from unnest(?::" + type
                     + "[]) with ordinality as t(u, n) order by n")) {
            connection.createStatement().execute("set timezone = 'UTC'");
            ArrayLiteral.bind(statement, 1, values);
            List<String> elements = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    elements.add(rows.getString(1));
                }
            }
            return elements;
        }
    }
}
