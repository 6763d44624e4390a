package io.cellbet.wallet.api;

import java.util.UUID;

/**
 * A debit to send to a seamless brand's wallet.
 *
 * @param transferId   the caller's idempotency key and the {@code transactionId} the brand sees
 * @param brand        brand code
 * @param playerId     the player's id at the brand
 * @param currency     ISO 4217 code
 * @param amountMinor  positive amount in minor units
 * @param type         what the money is for, lower case ({@code bet})
 * @param reference    business reference (bet id), optional
 */
public record SeamlessDebitRequest(UUID transferId, String brand, String playerId, String currency, long amountMinor,
        String type, String reference) {
}
