package io.cellbet.wallet.api;

import java.util.List;

/** The answer to a {@link TransferRequest}. */
public sealed interface TransferResult {

    /**
     * The transfers were posted.
     *
     * @param replayed {@code true} when the key had been applied before and this is the original result
     */
    record Accepted(List<Transfer> transfers, boolean replayed) implements TransferResult {
    }

    /** Nothing was written. */
    record Rejected(Rejection reason, String detail) implements TransferResult {
    }
}
