package dev.conveyor.adapter.notify;

import dev.conveyor.model.Delivery;

import java.util.Objects;

/** A way deliveries travel (webhooks, email): makes one attempt and says how it went. */
interface Channel {

    /** The channel's name in the delivery log: {@code webhook} or {@code email}. */
    String name();

    /** One attempt at the delivery; never throws for a receiver's failure. */
    Attempt attempt(Delivery delivery);

    /**
     * How an attempt went, for the log.
     *
     * @param permanent a failure trying again cannot fix (the receiver is no longer configured, an address is not
     *                  one): the delivery is dead at once
     */
    record Attempt(boolean delivered, boolean permanent, String result) {

        public Attempt {
            Objects.requireNonNull(result, "result must not be null");
        }

        static Attempt delivered(String result) {
            return new Attempt(true, false, result);
        }

        static Attempt failed(String result) {
            return new Attempt(false, false, result);
        }

        static Attempt refused(String result) {
            return new Attempt(false, true, result);
        }
    }
}
