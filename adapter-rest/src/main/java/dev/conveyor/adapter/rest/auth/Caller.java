package dev.conveyor.adapter.rest.auth;

import dev.conveyor.model.TenantId;

import java.security.Principal;
import java.util.Objects;

/** Who is calling: the tenant their token belongs to, and what the token may do. */
public record Caller(TenantId tenant, Role role) implements Principal {

    public Caller {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(role, "role must not be null");
    }

    @Override
    public String getName() {
        return tenant.value();
    }
}
