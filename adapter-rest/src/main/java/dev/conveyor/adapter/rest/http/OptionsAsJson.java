package dev.conveyor.adapter.rest.http;

import dev.conveyor.adapter.rest.json.Envelope;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.TreeSet;

/**
 * Jersey answers {@code OPTIONS} itself, in plain text; this puts the allowed methods in the envelope like every
 * other answer: {@code {"data": {"allow": ["GET", "HEAD", "OPTIONS"]}, "error": null}}.
 */
public final class OptionsAsJson implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || response.getStatus() != 200
                || response.getEntity() instanceof Envelope) {
            return;
        }
        TreeSet<String> allow = new TreeSet<>();
        response.getAllowedMethods().forEach(method -> allow.add(method.toUpperCase(java.util.Locale.ROOT)));
        response.setEntity(Envelope.of(Map.of("allow", allow)), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
    }
}
