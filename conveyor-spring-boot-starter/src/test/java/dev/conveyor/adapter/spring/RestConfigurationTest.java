package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the REST API is mounted, where, and with which tokens; a wrong setting stops start-up and says why. */
class RestConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConveyorAutoConfiguration.class))
            .withUserConfiguration(ConveyorAutoConfigurationTest.OnePipeline.class)
            .withPropertyValues("conveyor.workers=1");

    @Test
    void offByDefault() {
        runner.run(context -> assertTrue(context.getBeansOfType(ServletRegistrationBean.class).isEmpty()));
    }

    @Test
    void mountedUnderThePathWithTheTokensOfTheProperty() {
        runner.withPropertyValues("conveyor.rest.enabled=true", "conveyor.rest.path=/admin/jobs",
                "conveyor.rest.tokens=acme-writer-token-0123456789:acme:write").run(context -> {
            ServletRegistrationBean<?> servlet = context.getBean("conveyorRestServlet", ServletRegistrationBean.class);
            assertEquals(List.of("/admin/jobs/*"), List.copyOf(servlet.getUrlMappings()));
        });
    }

    @Test
    void theApplicationsTokensBeanStandsInForTheProperty() {
        runner.withPropertyValues("conveyor.rest.enabled=true")
                .withBean(Tokens.class, () -> Tokens.generate(TenantId.of("acme")).tokens())
                .run(context -> assertTrue(context.getStartupFailure() == null, () -> String.valueOf(
                        context.getStartupFailure())));
    }

    @Test
    void withoutTokensStartUpFailsAndSaysWhereToPutThem() {
        runner.withPropertyValues("conveyor.rest.enabled=true").run(context -> assertTrue(
                rootMessage(context.getStartupFailure()).contains("set conveyor.rest.tokens=token:tenant:role"),
                () -> String.valueOf(context.getStartupFailure())));
    }

    @Test
    void aPathThatIsNotSegmentsFailsStartUp() {
        runner.withPropertyValues("conveyor.rest.enabled=true", "conveyor.rest.path=/",
                "conveyor.rest.tokens=acme-writer-token-0123456789:acme:write").run(context -> assertTrue(
                rootMessage(context.getStartupFailure()).contains("conveyor.rest.path must be one or more path"),
                () -> String.valueOf(context.getStartupFailure())));
    }

    private static String rootMessage(Throwable failure) {
        assertTrue(failure != null, "the context must not start");
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
