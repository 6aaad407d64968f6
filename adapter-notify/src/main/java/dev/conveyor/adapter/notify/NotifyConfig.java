package dev.conveyor.adapter.notify;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the notifier sends where: webhook endpoints, email recipients and the SMTP server, the dashboard's address
 * for links, and the retry schedule. Read from a JSON file ({@code CONVEYOR_NOTIFY_FILE}) or the environment
 * ({@code CONVEYOR_NOTIFY_JSON}), never written in code; see {@link NotifyConfigReader} for the format.
 */
public record NotifyConfig(List<WebhookEndpoint> webhooks, List<EmailRecipients> emails, Optional<SmtpSettings> smtp,
                           Optional<URI> dashboardUrl, RetrySchedule retry) {

    /** The environment variable naming the configuration file. */
    public static final String FILE_VARIABLE = "CONVEYOR_NOTIFY_FILE";
    /** The environment variable holding the configuration itself, as JSON. */
    public static final String JSON_VARIABLE = "CONVEYOR_NOTIFY_JSON";

    public NotifyConfig {
        webhooks = List.copyOf(webhooks);
        emails = List.copyOf(emails);
        Objects.requireNonNull(smtp, "smtp must not be null");
        Objects.requireNonNull(dashboardUrl, "dashboardUrl must not be null");
        Objects.requireNonNull(retry, "retry must not be null");
        if (!emails.isEmpty() && smtp.isEmpty()) {
            throw new IllegalArgumentException("email recipients are configured but no email.smtp server");
        }
    }

    /**
     * The configuration the environment names: the file {@code CONVEYOR_NOTIFY_FILE} names, or the JSON in
     * {@code CONVEYOR_NOTIFY_JSON}; empty when neither is set (no notifications). Secrets may come from other
     * variables of {@code env} ({@code secret_env}, {@code password_env}).
     *
     * @throws IllegalArgumentException when both are set or the configuration is wrong, saying where
     */
    public static Optional<NotifyConfig> fromEnvironment(Map<String, String> env) {
        String file = env.getOrDefault(FILE_VARIABLE, "").strip();
        String json = env.getOrDefault(JSON_VARIABLE, "").strip();
        if (!file.isEmpty() && !json.isEmpty()) {
            throw new IllegalArgumentException("set " + FILE_VARIABLE + " or " + JSON_VARIABLE + ", not both");
        }
        if (!file.isEmpty()) {
            return Optional.of(NotifyConfigReader.readFile(Path.of(file), env));
        }
        if (!json.isEmpty()) {
            return Optional.of(NotifyConfigReader.read(json, JSON_VARIABLE, env));
        }
        return Optional.empty();
    }

    /** Whether anything at all is configured to receive notifications. */
    public boolean isEmpty() {
        return webhooks.isEmpty() && emails.isEmpty();
    }
}
