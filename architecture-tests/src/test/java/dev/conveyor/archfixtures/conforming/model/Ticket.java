package dev.conveyor.archfixtures.conforming.model;

import java.util.Objects;

public record Ticket(String id) {

    public Ticket {
        Objects.requireNonNull(id, "id must not be null");
    }
}
