package dev.conveyor.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of news people and systems can subscribe to, named as receivers see them ({@code review_needed},
 * {@code completed}, {@code failed}, {@code stalled}). Each is told by an audit event of the same transition, so a
 * store that keeps the audit log can keep an outbox of these with it.
 */
public enum NotificationEvent {
    REVIEW_NEEDED("review_needed"),
    COMPLETED("completed"),
    FAILED("failed"),
    STALLED("stalled");

    private static final String AUDIT_PREFIX = "pipeline_";
    private static final String STALLED_SUFFIX = "_stalled";

    private final String wireName;

    NotificationEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name receivers and configuration use. */
    public String wireName() {
        return wireName;
    }

    /** The event of this name, or a message that lists the names there are. */
    public static NotificationEvent parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(event -> event.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown notification event '" + name
                        + "': expected one of review_needed, completed, failed, stalled"));
    }

    /**
     * The event an audit event of this type tells, if any: {@code pipeline_review_needed}, {@code pipeline_complete},
     * {@code pipeline_failed} and a step's {@code pipeline_<step>_stalled}.
     */
    public static Optional<NotificationEvent> ofAuditType(String type) {
        return switch (type) {
            case "pipeline_review_needed" -> Optional.of(REVIEW_NEEDED);
            case "pipeline_complete" -> Optional.of(COMPLETED);
            case "pipeline_failed" -> Optional.of(FAILED);
            default -> stalledStep(type).map(step -> STALLED);
        };
    }

    /** The step a {@code pipeline_<step>_stalled} audit type names. */
    public static Optional<String> stalledStep(String type) {
        if (type.startsWith(AUDIT_PREFIX) && type.endsWith(STALLED_SUFFIX)
                && type.length() > AUDIT_PREFIX.length() + STALLED_SUFFIX.length()) {
            return Optional.of(type.substring(AUDIT_PREFIX.length(), type.length() - STALLED_SUFFIX.length()));
        }
        return Optional.empty();
    }

    /** The event a notification tells. */
    public static NotificationEvent of(Notification notification) {
        return switch (notification) {
            case Notification.ReviewNeeded ignored -> REVIEW_NEEDED;
            case Notification.Ready ignored -> COMPLETED;
            case Notification.Failed ignored -> FAILED;
            case Notification.Stalled ignored -> STALLED;
        };
    }
}
