package dev.conveyor.adapter.rest.auth;

import dev.conveyor.adapter.rest.error.ApiErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * Lets a request through only with a known bearer token (else 401), and a request that changes something only
 * with a write token (else 403); the resources then find the {@link Caller} in the security context.
 */
@Secured
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    private final Tokens tokens;

    public BearerAuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiErrors.unauthenticated("This API needs a token: send the header Authorization: Bearer <token>.");
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiErrors.unauthenticated("Send the token as Authorization: Bearer <token>.");
        }
        Caller caller = tokens.authenticate(header.substring(BEARER.length()).strip()).orElseThrow(() ->
                ApiErrors.unauthenticated("The token is not valid. Check it, or ask for a new one."));
        if (!caller.role().mayWrite() && !isRead(request.getMethod())) {
            throw ApiErrors.forbidden();
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private record CallerContext(Caller caller, boolean isSecure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().name().equalsIgnoreCase(role);
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
