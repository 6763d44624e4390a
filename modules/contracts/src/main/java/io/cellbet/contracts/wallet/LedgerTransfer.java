package io.cellbet.contracts.wallet;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A transfer as it stands after a ledger batch, one of the {@link TransfersApplied} event's transfers. Amounts are
 * minor units.
 *
 * <p>The constants name what the batch did to it ({@link TransfersApplied.Applied#event()}): {@code TransferPosted}
 * (a plain transfer), {@code FundsReserved} (a two-phase transfer created pending), {@code ReservationPosted},
 * {@code ReservationVoided} and {@code ReservationExpired} (how a reservation ended).
 */
public record LedgerTransfer(UUID transferId, String requestKey, int position, long debitAccountId,
        long creditAccountId, String currency, long amountMinor, String type, String reference,
        Map<String, String> metadata, String status, Instant expiresAt, Instant createdAt, Instant completedAt) {

    public static final String TRANSFER_POSTED = "TransferPosted";
    public static final String FUNDS_RESERVED = "FundsReserved";
    public static final String RESERVATION_POSTED = "ReservationPosted";
    public static final String RESERVATION_VOIDED = "ReservationVoided";
    public static final String RESERVATION_EXPIRED = "ReservationExpired";
}
