package dev.conveyor.adapter.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server mails go through, and the sender's address.
 *
 * @param security {@code none}, {@code starttls} (required) or {@code ssl}
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password,
                           String security, String from, Duration timeout) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(username, "username must not be null");
        Objects.requireNonNull(password, "password must not be null");
        Objects.requireNonNull(security, "security must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("smtp host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("smtp port must be 1-65535, got " + port);
        }
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("ssl")) {
            throw new IllegalArgumentException("smtp security must be none, starttls or ssl, got '" + security + "'");
        }
        if (!from.contains("@")) {
            throw new IllegalArgumentException("smtp from must be an email address, got '" + from + "'");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", from " + from + "]";
    }
}
