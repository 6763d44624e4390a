package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an account's statement.
 *
 * @param entryId            increases with time; pages are cut by it
 * @param amountMinor        signed: positive credits the account, negative debits it
 * @param balanceAfterMinor  the balance after this line
 */
public record StatementLine(long entryId, UUID transferId, String type, String reference, long amountMinor,
        long balanceAfterMinor, Instant createdAt) {
}
