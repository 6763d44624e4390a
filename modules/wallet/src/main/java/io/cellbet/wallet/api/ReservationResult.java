package io.cellbet.wallet.api;

/** The answer to reserving, posting or voiding a two-phase transfer. */
public sealed interface ReservationResult {

    /**
     * The reservation as it now stands.
     *
     * @param replayed {@code true} when nothing changed because this was already done
     */
    record Accepted(Transfer reservation, boolean replayed) implements ReservationResult {
    }

    /** Nothing was written. */
    record Rejected(Rejection reason, String detail) implements ReservationResult {
    }
}
