package dev.conveyor.adapter.rest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.rest.error.ApiErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads request bodies into {@link JsonRequest} records: at most 1 MiB (else 413), and every JSON or shape
 * error becomes a 400 that names the field, in the caller's words, never Jackson's.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public final class JsonRequestReader implements MessageBodyReader<JsonRequest> {

    private final ObjectMapper mapper;

    public JsonRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonRequest.class.isAssignableFrom(type);
    }

    @Override
    public JsonRequest readFrom(Class<JsonRequest> type, Type genericType, Annotation[] annotations,
                                MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body)
            throws IOException {
        byte[] bytes = body.readNBytes(ApiErrors.MAX_BODY_BYTES + 1);
        if (bytes.length > ApiErrors.MAX_BODY_BYTES) {
            throw ApiErrors.bodyTooLarge();
        }
        if (isBlank(bytes)) {
            throw ApiErrors.badRequest("empty_body", "The request body is empty: send a JSON object.");
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw JsonErrors.describe(e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
