package io.cellbet.wallet.api;

import java.util.UUID;

/** The answer to a {@link SeamlessDebitRequest}: only {@link Approved} means the money was taken. */
public sealed interface SeamlessDebitResult {

    UUID transferId();

    /**
     * The brand took the money.
     *
     * @param balanceMinor  the balance the brand reported after the debit, null if none
     * @param replayed      {@code true} when this transfer id had been approved before and this is that answer
     */
    record Approved(UUID transferId, Long balanceMinor, boolean replayed) implements SeamlessDebitResult {
    }

    /** The brand (or Cellbet, before sending) refused the debit; nothing was taken. */
    record Declined(UUID transferId, SeamlessRejection reason, String detail) implements SeamlessDebitResult {
    }

    /**
     * The brand's answer was lost (timeout, 5xx, broken connection): the debit is not approved,
     * and its rollback {@code rollbackTransferId} is being sent until the brand acknowledges it.
     */
    record Failed(UUID transferId, UUID rollbackTransferId, String detail) implements SeamlessDebitResult {
    }

    /** Another call with this transfer id is being sent right now; ask again shortly. */
    record InProgress(UUID transferId) implements SeamlessDebitResult {
    }
}
