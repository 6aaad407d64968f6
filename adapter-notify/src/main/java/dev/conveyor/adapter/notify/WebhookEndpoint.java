package dev.conveyor.adapter.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** A receiver of signed webhooks: its URL, its own secret, and what it subscribed to. */
public record WebhookEndpoint(URI url, WebhookSecret secret, Subscription subscription) {

    public WebhookEndpoint {
        Objects.requireNonNull(url, "url must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        Objects.requireNonNull(subscription, "subscription must not be null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook url must be an absolute http(s) URL, got '" + url + "'");
        }
    }
}
