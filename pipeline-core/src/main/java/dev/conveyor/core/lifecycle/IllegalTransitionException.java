package dev.conveyor.core.lifecycle;

/** Someone tried to move a job or step between states that the lifecycle does not connect. */
public final class IllegalTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String from;
    private final String to;

    public IllegalTransitionException(String what, Enum<?> from, Enum<?> to) {
        super(what + " cannot go from " + from + " to " + to);
        this.from = from.name();
        this.to = to.name();
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
