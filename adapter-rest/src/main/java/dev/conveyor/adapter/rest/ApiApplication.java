package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.BearerAuthFilter;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.adapter.rest.error.ApiExceptionMapper;
import dev.conveyor.adapter.rest.error.StoreUnavailableMapper;
import dev.conveyor.adapter.rest.error.UnexpectedExceptionMapper;
import dev.conveyor.adapter.rest.error.WebApplicationExceptionMapper;
import dev.conveyor.adapter.rest.http.BodySizeLimit;
import dev.conveyor.adapter.rest.http.OptionsAsJson;
import dev.conveyor.adapter.rest.http.RequestLog;
import dev.conveyor.adapter.rest.json.EnvelopeWriter;
import dev.conveyor.adapter.rest.json.Json;
import dev.conveyor.adapter.rest.json.JsonRequestReader;
import dev.conveyor.adapter.rest.resource.DashboardResource;
import dev.conveyor.adapter.rest.resource.DeliveriesResource;
import dev.conveyor.adapter.rest.resource.HealthResource;
import dev.conveyor.adapter.rest.resource.JobBatchResource;
import dev.conveyor.adapter.rest.resource.JobEventsResource;
import dev.conveyor.adapter.rest.resource.JobResource;
import dev.conveyor.adapter.rest.resource.JobsResource;
import dev.conveyor.adapter.rest.resource.MetricsResource;
import dev.conveyor.adapter.rest.resource.OpenApiResource;
import dev.conveyor.adapter.rest.resource.PipelinesResource;
import dev.conveyor.adapter.rest.resource.ProgressResource;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application: every resource, filter, mapper and JSON provider as one instance each (no
 * scanning, no per-request objects), sharing one Jackson mapper. {@link RestServer} serves it on Grizzly; a host
 * with a servlet container of its own mounts it under a path of its choosing ({@link #of(RestApi, Tokens)}).
 */
public final class ApiApplication {

    /**
     * Jersey warns that resource instances "implement no provider interface" (eclipse-ee4j/jersey#3700): the
     * warning is wrong for resources, so it is kept quiet. JUL holds loggers weakly, hence the field.
     */
    private static final java.util.logging.Logger JERSEY_PROVIDERS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
    }

    private ApiApplication() {
    }

    /**
     * The API ({@code api/v1/…}), the dashboard ({@code /}) and {@code health}/{@code ready}, for a host's own
     * servlet container: every call but the dashboard's page and assets needs one of {@code tokens}.
     *
     * @param api    the inbound ports it serves, and the readiness {@code ready} reports
     * @param tokens the bearer tokens it accepts
     * @return the Jersey application, to wrap in a servlet
     */
    public static ResourceConfig of(RestApi api, Tokens tokens) {
        return of(api, tokens, Json.mapper());
    }

    static ResourceConfig of(RestApi api, Tokens tokens, ObjectMapper mapper) {
        ObjectWriter writer = mapper.writer();
        ResourceConfig config = new ResourceConfig();
        config.register(new PipelinesResource(api.queries()));
        config.register(new JobsResource(api.commands(), api.queries(), writer));
        config.register(new JobBatchResource(api.commands()));
        config.register(new JobResource(api.commands(), api.queries(), writer));
        config.register(new ProgressResource(api.queries(), writer));
        config.register(new JobEventsResource(api.queries()));
        config.register(new HealthResource(api.readiness()));
        config.register(new DeliveriesResource(api.deliveries()));
        config.register(new MetricsResource(api.metrics()));
        config.register(new DashboardResource());
        config.register(new OpenApiResource());

        config.register(new RequestLog(writer));
        config.register(new BodySizeLimit());
        config.register(new OptionsAsJson());
        config.register(new BearerAuthFilter(tokens));
        config.register(new JsonRequestReader(mapper));
        config.register(new EnvelopeWriter(writer));
        config.register(new ApiExceptionMapper());
        config.register(new StoreUnavailableMapper());
        config.register(new WebApplicationExceptionMapper());
        config.register(new UnexpectedExceptionMapper());

        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        return config;
    }
}
