package io.cellbet.wallet.domain;

import io.cellbet.wallet.api.TransferLeg;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A request as the ledger writer applies it, already validated by {@link RequestRules}. */
public sealed interface LedgerCommand {

    /** Linked transfers under one idempotency key. */
    record PostTransfers(String idempotencyKey, byte[] requestHash, List<TransferLeg> legs) implements LedgerCommand {
    }

    /** First phase of a two-phase transfer. */
    record Reserve(String idempotencyKey, byte[] requestHash, TransferLeg leg, Instant expiresAt)
            implements LedgerCommand {
    }

    /** Second phase: move the reserved money. */
    record PostReservation(UUID reservationId) implements LedgerCommand {
    }

    /** Second phase: release the reserved money; {@code expired} when the sweeper does it. */
    record VoidReservation(UUID reservationId, boolean expired) implements LedgerCommand {
    }
}
