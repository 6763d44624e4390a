package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.UUID;

/** The answer to a {@link SeamlessCreditRequest}. A credit once recorded is never dropped. */
public sealed interface SeamlessCreditResult {

    UUID transferId();

    /** The brand credited the player. */
    record Acknowledged(UUID transferId, Long balanceMinor, boolean replayed) implements SeamlessCreditResult {
    }

    /**
     * Recorded, not yet acknowledged: it is sent again with backoff until the brand acknowledges it.
     *
     * @param nextAttemptAt  when it is sent next
     * @param detail         why the last attempt did not succeed
     */
    record Pending(UUID transferId, Instant nextAttemptAt, String detail) implements SeamlessCreditResult {
    }

    /** Refused before sending, or by the brand with a named code; a brand's refusal stays for ops to resolve. */
    record Rejected(UUID transferId, SeamlessRejection reason, String detail) implements SeamlessCreditResult {
    }
}
