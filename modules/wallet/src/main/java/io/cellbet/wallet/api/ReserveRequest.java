package io.cellbet.wallet.api;

import java.time.Duration;

/**
 * The first phase of a two-phase transfer: the amount is reserved on the debit account (no
 * longer spendable) until it is posted, voided, or expires.
 *
 * @param idempotencyKey  as for {@link TransferRequest}
 * @param leg             the movement that posting will make
 * @param holdFor         how long the reservation holds before it expires and is released
 */
public record ReserveRequest(String idempotencyKey, TransferLeg leg, Duration holdFor) {
}
