package dev.conveyor.adapter.postgres;

import java.util.regex.Pattern;

/**
 * The notification channel on which a schema announces queued work: {@code conveyor_work_<schema>}, cut to
 * PostgreSQL's 63-byte identifier limit. Channels are shared by the whole database, so the schema in the name
 * keeps two Conveyors (or two test classes) in one database from waking each other. The trigger of migration
 * V2 computes the same name from the table's schema; two schemas whose names agree in their first 49
 * characters share a channel, which costs only a spurious wake-up.
 */
record WorkChannel(String name) {

    static final String PREFIX = "conveyor_work_";

    /** PostgreSQL's NAMEDATALEN - 1: LISTEN truncates longer names, {@code pg_notify} rejects them. */
    static final int MAX_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    WorkChannel {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("a work channel is a lower-case SQL identifier of at most "
                    + MAX_LENGTH + " characters, got '" + name + "'");
        }
    }

    static WorkChannel of(String schema) {
        String name = PREFIX + schema;
        return new WorkChannel(name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH));
    }

    /** Quoted although the name needs no quotes: the name is then taken as it is, never folded or parsed. */
    String listen() {
        return "LISTEN \"" + name + "\"";
    }

    @Override
    public String toString() {
        return name;
    }
}
