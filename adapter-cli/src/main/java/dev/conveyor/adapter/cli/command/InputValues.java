package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.Item;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.model.Payload;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --set KEY=VALUE} values for a job's input: whole and decimal numbers, true and false, else text. */
final class InputValues {

    private InputValues() {
    }

    static Payload parse(Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((key, text) -> {
            if (key.isBlank() || key.equals(Item.KEY) || key.equals("workdir")) {
                throw new CliException("--set " + key + "=…: '" + key + "' is not a key you can set"
                        + (key.isBlank() ? "" : " (the run sets it per item)"));
            }
            values.put(key, value(text));
        });
        return new Payload(values);
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(text).doubleValue();
        }
        return text;
    }
}
