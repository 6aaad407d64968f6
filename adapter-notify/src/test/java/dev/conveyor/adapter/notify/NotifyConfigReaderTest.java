package dev.conveyor.adapter.notify;

import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration file and variable: read whole, secrets from the environment, and clear errors. */
class NotifyConfigReaderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String EXAMPLE = """
            {
              "dashboard_url": "https://conveyor.example.com/",
              "webhooks": [{"tenant": "acme", "events": ["review_needed", "completed", "failed", "stalled"],
                            "url": "https://hooks.acme.example/conveyor", "secret_env": "ACME_WEBHOOK_SECRET"},
                           {"tenant": "*", "events": ["failed"], "url": "https://ops.example/hook",
                            "secret": "%s"}],
              "email": {
                "smtp": {"host": "smtp.example.com", "port": 587, "security": "starttls", "username": "conveyor",
                         "password_env": "SMTP_PASSWORD", "from": "conveyor@example.com"},
                "recipients": [{"tenant": "acme", "events": ["review_needed"], "to": ["reviewers@acme.example"]},
                               {"tenant": "acme", "events": ["completed"], "to": ["owner@acme.example"],
                                "input_field": "owner_email"}]
              },
              "retry": {"first_seconds": 10, "longest_seconds": 1800, "window_seconds": 43200}
            }
            """.formatted(SECRET);
    private static final Map<String, String> ENV = Map.of("ACME_WEBHOOK_SECRET", SECRET, "SMTP_PASSWORD", "pw");

    @Test
    void theDocumentedExampleReadsWhole(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notify.json"), EXAMPLE);
        java.util.HashMap<String, String> env = new java.util.HashMap<>(ENV);
        env.put(NotifyConfig.FILE_VARIABLE, file.toString());

        NotifyConfig config = NotifyConfig.fromEnvironment(env).orElseThrow();

        assertEquals(2, config.webhooks().size());
        WebhookEndpoint acme = config.webhooks().getFirst();
        assertEquals(URI.create("https://hooks.acme.example/conveyor"), acme.url());
        assertEquals(new Subscription(Optional.of(TenantId.of("acme")), Set.of(NotificationEvent.values())),
                acme.subscription());
        assertEquals(Optional.empty(), config.webhooks().get(1).subscription().tenant(), "'*' is every tenant");
        assertEquals(List.of("reviewers@acme.example"), config.emails().getFirst().to());
        assertEquals(Optional.of("owner_email"), config.emails().get(1).inputField());
        SmtpSettings smtp = config.smtp().orElseThrow();
        assertEquals(Optional.of("pw"), smtp.password());
        assertEquals("starttls", smtp.security());
        assertEquals(Duration.ofSeconds(10), smtp.timeout());
        assertEquals(new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofHours(12)),
                config.retry());
        assertEquals(Optional.of(URI.create("https://conveyor.example.com/")), config.dashboardUrl());
    }

    @Test
    void nothingConfiguredMeansNoNotifier() {
        assertEquals(Optional.empty(), NotifyConfig.fromEnvironment(Map.of()));
        NotifyConfig inline = NotifyConfig.fromEnvironment(Map.of(NotifyConfig.JSON_VARIABLE, "{}")).orElseThrow();
        assertTrue(inline.isEmpty());
        assertEquals(RetrySchedule.standard(), inline.retry());
    }

    @Test
    void mistakesAreNamedWithWhereTheyAre() {
        assertMessage("webhooks[0].secret_env: the environment variable ACME_WEBHOOK_SECRET is not set",
                EXAMPLE, Map.of("SMTP_PASSWORD", "pw"));
        assertMessage("unknown notification event 'done'", """
                {"webhooks": [{"tenant": "acme", "events": ["done"], "url": "https://a.example/", "secret": "%s"}]}
                """.formatted(SECRET), Map.of());
        assertMessage("webhooks[0]: unknown field 'secrets'", """
                {"webhooks": [{"tenant": "acme", "events": ["failed"], "url": "https://a.example/", "secrets": "x"}]}
                """, Map.of());
        assertMessage("webhooks[0]: give exactly one of secret and secret_env", """
                {"webhooks": [{"tenant": "acme", "events": ["failed"], "url": "https://a.example/"}]}
                """, Map.of());
        assertMessage("email recipients are configured but no email.smtp server", """
                {"email": {"recipients": [{"tenant": "acme", "events": ["failed"], "to": ["a@acme.example"]}]}}
                """, Map.of());
        assertMessage("not valid JSON", "{\"webhooks\": [", Map.of());
        assertMessage("set CONVEYOR_NOTIFY_FILE or CONVEYOR_NOTIFY_JSON, not both", null, Map.of());
    }

    private static void assertMessage(String expected, String json, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        if (json == null) {
            all.put(NotifyConfig.FILE_VARIABLE, "/etc/conveyor/notify.json");
            all.put(NotifyConfig.JSON_VARIABLE, "{}");
        } else {
            all.put(NotifyConfig.JSON_VARIABLE, json);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotifyConfig.fromEnvironment(all));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
