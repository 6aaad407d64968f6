package dev.conveyor.adapter.postgres;

import java.util.UUID;

/**
 * A parameter array as PostgreSQL's array literal text ({@code {"a","b",NULL}}): what a {@link BinaryRecordArray}
 * would be sent as were binary transfer off. The driver's {@code createArrayOf} makes the same text, but escapes it
 * a character at a time and looks the element type up on each call. Strings are always quoted (so an empty string,
 * {@code NULL}, braces and commas stay themselves), with {@code "} and {@code \} escaped by a backslash; numbers,
 * booleans and UUIDs go bare.
 */
final class ArrayLiteral {

    private ArrayLiteral() {
    }

    /** The literal of {@code values}, each null, a String, a UUID, a Boolean or a Number. */
    static String of(Object[] values) {
        int size = 2 + values.length;
        for (Object value : values) {
            if (value instanceof String text) {
                size += text.length() + 2;
            } else {
                size += 16;
            }
        }
        StringBuilder literal = new StringBuilder(size + size / 16);
        literal.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            append(literal, values[i]);
        }
        return literal.append('}').toString();
    }

    private static void append(StringBuilder literal, Object value) {
        switch (value) {
            case null -> literal.append("NULL");
            case String text -> quoted(literal, text);
            case UUID id -> literal.append(id);
            case Boolean flag -> literal.append(flag ? 't' : 'f');
            case Integer number -> literal.append(number.intValue());
            case Long number -> literal.append(number.longValue());
            case Short number -> literal.append(number.shortValue());
            case Double number -> literal.append(number.doubleValue());
            default -> throw new IllegalArgumentException("no array element for a " + value.getClass().getName());
        }
    }

    private static void quoted(StringBuilder literal, String text) {
        literal.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                literal.append(text, from, i).append('\\').append(c);
                from = i + 1;
            }
        }
        literal.append(text, from, text.length()).append('"');
    }
}
