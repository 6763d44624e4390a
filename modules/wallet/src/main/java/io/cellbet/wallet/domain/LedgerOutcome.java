package io.cellbet.wallet.domain;

import io.cellbet.wallet.api.Rejection;
import io.cellbet.wallet.api.Transfer;
import java.util.List;

/** What the ledger made of one command. */
public sealed interface LedgerOutcome {

    /**
     * Applied (or applied before, when {@code replayed}).
     *
     * @param transfers the request's transfers as they now stand
     */
    record Applied(List<Transfer> transfers, boolean replayed) implements LedgerOutcome {
    }

    /** Refused; the command left nothing behind. */
    record Refused(Rejection reason, String detail) implements LedgerOutcome {
    }
}
