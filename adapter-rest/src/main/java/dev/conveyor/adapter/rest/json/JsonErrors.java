package dev.conveyor.adapter.rest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.error.ApiException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns Jackson's reading errors into 400s that name the field and say what it takes. */
final class JsonErrors {

    private JsonErrors() {
    }

    static ApiException describe(JsonProcessingException failure) {
        JsonProcessingException e = readingFailure(failure);
        return switch (e) {
            case UnrecognizedPropertyException unknown -> ApiErrors.badRequest("unknown_field",
                    "Unknown field '" + path(unknown) + "' in the request body. Known fields there: "
                            + known(unknown.getKnownPropertyIds()) + ".");
            case MismatchedInputException mismatch when mismatch.getPath().isEmpty() ->
                    ApiErrors.badRequest("invalid_body", "The request body must be a JSON object.");
            case MismatchedInputException mismatch -> ApiErrors.badRequest("invalid_field",
                    "Field '" + path(mismatch) + "' must be " + expected(mismatch.getTargetType()) + ".");
            case JsonMappingException mapping when !mapping.getPath().isEmpty() -> ApiErrors.badRequest(
                    "invalid_field", "Field '" + path(mapping) + "' has a value that cannot be used here.");
            case JsonMappingException mapping -> ApiErrors.badRequest("invalid_body",
                    "The request body does not have the expected shape: send a JSON object.");
            case StreamConstraintsException limits -> ApiErrors.badRequest("body_too_complex",
                    "The request body is nested more than " + Json.MAX_NESTING + " levels deep, or holds a "
                            + "number too long to use.");
            default -> ApiErrors.badRequest("malformed_json", "The request body is not valid JSON" + where(e)
                    + ". Check its quotes, commas and brackets, and that no field appears twice.");
        };
    }

    /** A syntax or limit error found while binding is wrapped in a mapping error: the syntax error is the news. */
    private static JsonProcessingException readingFailure(JsonProcessingException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JsonProcessingException reading && !(t instanceof JsonMappingException)) {
                return reading;
            }
        }
        return e;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return String.join(", ", names);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a text (in double quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray() || type == List.class) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || JsonRequest.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "of another type";
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
