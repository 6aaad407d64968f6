package dev.conveyor.adapter.cli.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML or JSON file (chosen by its extension; JSON is read strictly) into a {@link Node} tree that
 * keeps line numbers. Syntax errors and duplicate keys name their line.
 */
final class TreeReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory YAML = new YAMLFactory();

    private TreeReader() {
    }

    static Node read(Path file, String shownAs) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = (json ? JSON : YAML).createParser(reader)) {
            if (parser.nextToken() == null) {
                throw new PipelineFileException(shownAs, 0, "", "the file is empty");
            }
            return node(parser, shownAs);
        } catch (JsonProcessingException e) {
            throw new PipelineFileException(shownAs, line(e.getLocation()), "", "malformed " + (json ? "JSON" : "YAML")
                    + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PipelineFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Node node(JsonParser parser, String file) throws IOException {
        int line = line(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(parser, file, line);
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, file));
                }
                yield new Node.Sequence(items, line);
            }
            case VALUE_STRING -> new Node.Scalar(parser.getText(), line);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.Scalar(parser.getNumberValue(), line);
            case VALUE_TRUE -> new Node.Scalar(Boolean.TRUE, line);
            case VALUE_FALSE -> new Node.Scalar(Boolean.FALSE, line);
            case VALUE_NULL -> new Node.Scalar(null, line);
            default -> new Node.Scalar(parser.getText(), line);
        };
    }

    private static Node mapping(JsonParser parser, String file, int line) throws IOException {
        Map<String, Node.Field> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            if (fields.containsKey(key)) {
                throw new PipelineFileException(file, keyLine, key, "is given twice (first on line "
                        + fields.get(key).line() + ")");
            }
            parser.nextToken();
            fields.put(key, new Node.Field(key, keyLine, node(parser, file)));
        }
        return new Node.Mapping(fields, line);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
