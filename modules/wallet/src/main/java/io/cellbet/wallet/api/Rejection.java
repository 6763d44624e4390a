package io.cellbet.wallet.api;

/** Why the ledger refused a request. Nothing of a refused request is written. */
public enum Rejection {
    /** The request itself is malformed: see the detail (amount not positive, same account, too many legs...). */
    INVALID_REQUEST,
    /** An account named by the request does not exist. */
    UNKNOWN_ACCOUNT,
    /** An account's currency is not the transfer's. */
    CURRENCY_MISMATCH,
    /** A player account would go below zero (reservations count as spent). */
    INSUFFICIENT_FUNDS,
    /** The idempotency key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED,
    /** No reservation has this id. */
    RESERVATION_NOT_FOUND,
    /** The reservation was already voided or expired (or posted, when voiding). */
    RESERVATION_CLOSED,
    /** The ledger's queue is full: retry later with the same key. */
    LEDGER_BUSY
}
