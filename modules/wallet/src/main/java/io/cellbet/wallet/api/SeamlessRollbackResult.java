package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.UUID;

/** The answer to a request to roll back a seamless debit. */
public sealed interface SeamlessRollbackResult {

    /** The debit the rollback undoes. */
    UUID debitTransferId();

    /**
     * The brand acknowledged the rollback.
     *
     * @param rolledBack  {@code true} when the brand refunded the debit, {@code false} when it had nothing to undo
     */
    record Acknowledged(UUID debitTransferId, UUID rollbackTransferId, boolean rolledBack, boolean replayed)
            implements SeamlessRollbackResult {
    }

    /** Recorded, not yet acknowledged: it is sent again with backoff until the brand acknowledges it. */
    record Pending(UUID debitTransferId, UUID rollbackTransferId, Instant nextAttemptAt, String detail)
            implements SeamlessRollbackResult {
    }

    /** Refused; nothing was sent, or the brand refused with a named code. */
    record Rejected(UUID debitTransferId, SeamlessRejection reason, String detail) implements SeamlessRollbackResult {
    }
}
