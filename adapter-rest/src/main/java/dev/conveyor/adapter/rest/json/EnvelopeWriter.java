package dev.conveyor.adapter.rest.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes {@link Envelope}s as JSON with the shared mapper. */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public final class EnvelopeWriter implements MessageBodyWriter<Envelope> {

    private final ObjectWriter writer;

    public EnvelopeWriter(ObjectWriter writer) {
        this.writer = writer.forType(Envelope.class);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Envelope.class;
    }

    @Override
    public void writeTo(Envelope envelope, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        out.write(writer.writeValueAsBytes(envelope));
    }
}
