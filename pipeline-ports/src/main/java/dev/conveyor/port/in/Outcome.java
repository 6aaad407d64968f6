package dev.conveyor.port.in;

import java.util.Objects;
import java.util.function.Function;

/** The result of a command: accepted with a value, or rejected with a reason. */
public sealed interface Outcome<T> {

    record Accepted<T>(T value) implements Outcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value must not be null");
        }
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection must not be null");
        }
    }

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(Rejection.Reason reason, String message) {
        return new Rejected<>(new Rejection(reason, message));
    }

    default boolean isAccepted() {
        return this instanceof Accepted<T>;
    }

    /** The accepted value, or an {@link IllegalStateException} carrying the rejection's message. */
    default T orElseThrow() {
        return switch (this) {
            case Accepted<T> accepted -> accepted.value();
            case Rejected<T> rejected -> throw new IllegalStateException(
                    rejected.rejection().reason() + ": " + rejected.rejection().message());
        };
    }

    default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Accepted<T> accepted -> new Accepted<>(mapper.apply(accepted.value()));
            case Rejected<T> rejected -> new Rejected<>(rejected.rejection());
        };
    }
}
