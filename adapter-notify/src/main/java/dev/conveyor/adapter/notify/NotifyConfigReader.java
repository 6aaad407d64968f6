package dev.conveyor.adapter.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.TenantId;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the notification configuration, JSON of this shape (every section optional):
 * <pre>{@code
 * {
 *   "dashboard_url": "https://conveyor.example.com/",
 *   "webhooks": [{"tenant": "acme", "events": ["review_needed", "completed", "failed", "stalled"],
 *                 "url": "https://hooks.acme.example/conveyor", "secret_env": "ACME_WEBHOOK_SECRET"}],
 *   "email": {
 *     "smtp": {"host": "smtp.example.com", "port": 587, "security": "starttls", "username": "conveyor",
 *              "password_env": "SMTP_PASSWORD", "from": "conveyor@example.com", "timeout_seconds": 10},
 *     "recipients": [{"tenant": "acme", "events": ["review_needed"], "to": ["reviewers@acme.example"]},
 *                    {"tenant": "acme", "events": ["completed"], "to": ["owner@acme.example"],
 *                     "input_field": "owner_email"}]
 *   },
 *   "retry": {"first_seconds": 5, "longest_seconds": 3600, "window_seconds": 86400}
 * }
 * }</pre>
 * A secret or password is given as itself ({@code secret}, {@code password}) or as the name of the environment
 * variable that holds it ({@code secret_env}, {@code password_env}). {@code "tenant": "*"} subscribes to every
 * tenant. Unknown fields are errors, named with where they are.
 */
public final class NotifyConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotifyConfigReader() {
    }

    static NotifyConfig readFile(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the notification configuration " + file + ": "
                    + e.getMessage(), e);
        }
        return read(text, file.toString(), env);
    }

    /**
     * Reads {@code json}; {@code source} names where it came from in error messages.
     *
     * @throws IllegalArgumentException naming the source and the field that is wrong
     */
    public static NotifyConfig read(String json, String source, Map<String, String> env) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return config(root, env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static NotifyConfig config(JsonNode root, Map<String, String> env) {
        object(root, "the configuration", Set.of("dashboard_url", "webhooks", "email", "retry"));
        List<WebhookEndpoint> webhooks = new ArrayList<>();
        JsonNode hooks = root.path("webhooks");
        for (int i = 0; i < array(hooks, "webhooks").size(); i++) {
            webhooks.add(webhook(hooks.get(i), "webhooks[" + i + "]", env));
        }
        List<EmailRecipients> emails = new ArrayList<>();
        Optional<SmtpSettings> smtp = Optional.empty();
        JsonNode email = root.path("email");
        if (!email.isMissingNode()) {
            object(email, "email", Set.of("smtp", "recipients"));
            if (!email.path("smtp").isMissingNode()) {
                smtp = Optional.of(smtp(email.get("smtp"), env));
            }
            JsonNode recipients = email.path("recipients");
            for (int i = 0; i < array(recipients, "email.recipients").size(); i++) {
                emails.add(recipients(recipients.get(i), "email.recipients[" + i + "]"));
            }
        }
        Optional<URI> dashboard = optionalText(root, "dashboard_url", "dashboard_url").map(text -> url(text,
                "dashboard_url"));
        return new NotifyConfig(webhooks, emails, smtp, dashboard, retry(root.path("retry")));
    }

    private static WebhookEndpoint webhook(JsonNode node, String where, Map<String, String> env) {
        object(node, where, Set.of("tenant", "events", "url", "secret", "secret_env"));
        URI url = url(text(node, "url", where), where + ".url");
        String secret = secret(node, "secret", where, env);
        try {
            return new WebhookEndpoint(url, WebhookSecret.parse(secret), subscription(node, where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static EmailRecipients recipients(JsonNode node, String where) {
        object(node, where, Set.of("tenant", "events", "to", "input_field"));
        List<String> to = new ArrayList<>();
        JsonNode list = node.path("to");
        for (int i = 0; i < array(list, where + ".to").size(); i++) {
            if (!list.get(i).isTextual()) {
                throw new IllegalArgumentException(where + ".to[" + i + "] must be an email address");
            }
            to.add(list.get(i).asText().strip());
        }
        try {
            return new EmailRecipients(subscription(node, where), to, optionalText(node, "input_field", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static SmtpSettings smtp(JsonNode node, Map<String, String> env) {
        String where = "email.smtp";
        object(node, where, Set.of("host", "port", "security", "username", "password", "password_env", "from",
                "timeout_seconds"));
        Optional<String> password = node.has("password") || node.has("password_env")
                ? Optional.of(secret(node, "password", where, env)) : Optional.empty();
        try {
            return new SmtpSettings(text(node, "host", where), integer(node, "port", where, 587),
                    optionalText(node, "username", where), password,
                    optionalText(node, "security", where).orElse("starttls"), text(node, "from", where),
                    Duration.ofSeconds(integer(node, "timeout_seconds", where, 10)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static RetrySchedule retry(JsonNode node) {
        if (node.isMissingNode()) {
            return RetrySchedule.standard();
        }
        object(node, "retry", Set.of("first_seconds", "longest_seconds", "window_seconds"));
        RetrySchedule standard = RetrySchedule.standard();
        try {
            return new RetrySchedule(
                    Duration.ofSeconds(integer(node, "first_seconds", "retry", (int) standard.first().toSeconds())),
                    Duration.ofSeconds(integer(node, "longest_seconds", "retry",
                            (int) standard.longest().toSeconds())),
                    Duration.ofSeconds(integer(node, "window_seconds", "retry",
                            (int) standard.window().toSeconds())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retry: " + e.getMessage(), e);
        }
    }

    private static Subscription subscription(JsonNode node, String where) {
        String tenant = text(node, "tenant", where);
        Optional<TenantId> scope = tenant.equals("*") ? Optional.empty() : Optional.of(TenantId.of(tenant));
        Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
        JsonNode list = node.path("events");
        for (int i = 0; i < array(list, where + ".events").size(); i++) {
            events.add(NotificationEvent.parse(list.get(i).asText()));
        }
        return new Subscription(scope, events);
    }

    /** A secret given as itself under {@code name}, or as the variable named under {@code name_env}. */
    private static String secret(JsonNode node, String name, String where, Map<String, String> env) {
        boolean direct = node.has(name);
        boolean indirect = node.has(name + "_env");
        if (direct == indirect) {
            throw new IllegalArgumentException(where + ": give exactly one of " + name + " and " + name + "_env");
        }
        if (direct) {
            return text(node, name, where);
        }
        String variable = text(node, name + "_env", where);
        String value = env.getOrDefault(variable, "");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + "." + name + "_env: the environment variable " + variable
                    + " is not set");
        }
        return value;
    }

    private static void object(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field '" + name + "' (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode array(JsonNode node, String where) {
        if (node.isMissingNode()) {
            return JSON.createArrayNode();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be a JSON array");
        }
        return node;
    }

    private static String text(JsonNode node, String name, String where) {
        return optionalText(node, name, where)
                .orElseThrow(() -> new IllegalArgumentException(where + "." + name + " is required"));
    }

    private static Optional<String> optionalText(JsonNode node, String name, String where) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + name + " must be a non-empty string");
        }
        return Optional.of(value.asText().strip());
    }

    private static int integer(JsonNode node, String name, String where, int otherwise) {
        JsonNode value = node.path(name);
        if (value.isMissingNode()) {
            return otherwise;
        }
        if (!value.isInt()) {
            throw new IllegalArgumentException(where + "." + name + " must be a whole number");
        }
        return value.asInt();
    }

    private static URI url(String text, String where) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(where + " must be an absolute http(s) URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + " is not a URL: " + e.getMessage(), e);
        }
    }
}
