package dev.conveyor.adapter.notify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is emailed about what: fixed addresses (a tenant's reviewers, its owner), and optionally the address a job's
 * input names under {@code inputField} (the person who submitted it, say).
 */
public record EmailRecipients(Subscription subscription, List<String> to, Optional<String> inputField) {

    public EmailRecipients {
        Objects.requireNonNull(subscription, "subscription must not be null");
        to = List.copyOf(to);
        Objects.requireNonNull(inputField, "inputField must not be null");
        for (String address : to) {
            if (!address.contains("@") || address.isBlank()) {
                throw new IllegalArgumentException("'" + address + "' is not an email address");
            }
        }
        if (to.isEmpty() && inputField.isEmpty()) {
            throw new IllegalArgumentException("an email subscription needs 'to' addresses or an 'input_field'");
        }
    }
}
