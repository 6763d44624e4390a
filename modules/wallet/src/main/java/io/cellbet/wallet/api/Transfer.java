package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A transfer as recorded. Its {@code id} is the wallet's own and is what external parties
 * (a brand's wallet) see as the transaction id.
 */
public record Transfer(UUID id, String requestKey, int position, long debitAccountId, long creditAccountId,
        String currency, long amountMinor, String type, String reference, Map<String, String> metadata,
        TransferStatus status, Instant expiresAt, Instant createdAt, Instant completedAt) {
}
