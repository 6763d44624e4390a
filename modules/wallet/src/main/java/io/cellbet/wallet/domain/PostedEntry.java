package io.cellbet.wallet.domain;

import java.time.Instant;
import java.util.UUID;

/** A statement line to write: a signed amount on one account and the balance after it. */
public record PostedEntry(long accountId, UUID transferId, long amountMinor, long balanceAfterMinor,
        Instant createdAt) {
}
