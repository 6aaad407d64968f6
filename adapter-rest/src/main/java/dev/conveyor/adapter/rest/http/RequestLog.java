package dev.conveyor.adapter.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per request and response at debug level ({@code method}, {@code path}, {@code status},
 * {@code tenant}, {@code duration_ms}); costs nothing when debug logging is off. Never logs bodies or tokens.
 */
@PreMatching
@Priority(1)
public final class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final String STARTED = RequestLog.class.getName() + ".started";

    private final ObjectWriter writer;

    public RequestLog(ObjectWriter writer) {
        this.writer = writer;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (LOG.isDebugEnabled()) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isDebugEnabled() || !(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", request.getMethod());
        line.put("path", request.getUriInfo().getRequestUri().getRawPath());
        line.put("status", response.getStatus());
        Principal caller = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        line.put("tenant", caller == null ? null : caller.getName());
        line.put("duration_ms", Math.round((System.nanoTime() - started) / 10_000.0) / 100.0);
        try {
            LOG.debug(writer.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.debug("{\"method\":\"{}\",\"status\":{}}", request.getMethod(), response.getStatus());
        }
    }
}
