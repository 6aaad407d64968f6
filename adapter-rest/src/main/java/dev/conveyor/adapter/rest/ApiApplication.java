package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.BearerAuthFilter;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.adapter.rest.error.ApiExceptionMapper;
import dev.conveyor.adapter.rest.error.UnexpectedExceptionMapper;
import dev.conveyor.adapter.rest.error.WebApplicationExceptionMapper;
import dev.conveyor.adapter.rest.http.BodySizeLimit;
import dev.conveyor.adapter.rest.http.OptionsAsJson;
import dev.conveyor.adapter.rest.http.RequestLog;
import dev.conveyor.adapter.rest.json.EnvelopeWriter;
import dev.conveyor.adapter.rest.json.JsonRequestReader;
import dev.conveyor.adapter.rest.resource.DashboardResource;
import dev.conveyor.adapter.rest.resource.HealthResource;
import dev.conveyor.adapter.rest.resource.JobBatchResource;
import dev.conveyor.adapter.rest.resource.JobResource;
import dev.conveyor.adapter.rest.resource.JobsResource;
import dev.conveyor.adapter.rest.resource.PipelinesResource;
import dev.conveyor.adapter.rest.resource.ProgressResource;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application: every resource, filter, mapper and JSON provider as one instance each (no
 * scanning, no per-request objects), sharing one Jackson mapper.
 */
final class ApiApplication {

    private ApiApplication() {
    }

    static ResourceConfig of(RestApi api, Tokens tokens, ObjectMapper mapper) {
        ObjectWriter writer = mapper.writer();
        ResourceConfig config = new ResourceConfig();
        config.register(new PipelinesResource(api.queries()));
        config.register(new JobsResource(api.commands(), api.queries(), writer));
        config.register(new JobBatchResource(api.commands()));
        config.register(new JobResource(api.commands(), api.queries(), writer));
        config.register(new ProgressResource(api.queries(), writer));
        config.register(new HealthResource(api.readiness()));
        config.register(new DashboardResource());

        config.register(new RequestLog(writer));
        config.register(new BodySizeLimit());
        config.register(new OptionsAsJson());
        config.register(new BearerAuthFilter(tokens));
        config.register(new JsonRequestReader(mapper));
        config.register(new EnvelopeWriter(writer));
        config.register(new ApiExceptionMapper());
        config.register(new WebApplicationExceptionMapper());
        config.register(new UnexpectedExceptionMapper());

        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        return config;
    }
}
