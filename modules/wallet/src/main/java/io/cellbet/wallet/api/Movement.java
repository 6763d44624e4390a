package io.cellbet.wallet.api;

import java.util.UUID;

/**
 * A transfer, a reservation, or the posting of a reservation made earlier, for {@link WalletApi#applyInTransaction}:
 * exactly one of {@code transfer}, {@code reservation} and {@code reservationToPost} is given. {@code correlationId}
 * goes on its ledger event (null: none).
 */
public record Movement(TransferRequest transfer, ReserveRequest reservation, UUID reservationToPost,
        String correlationId) {

    public Movement {
        int given = (transfer == null ? 0 : 1) + (reservation == null ? 0 : 1) + (reservationToPost == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("a movement is a transfer, a reservation or a reservation's posting");
        }
    }

    public static Movement transfer(TransferRequest request, String correlationId) {
        return new Movement(request, null, null, correlationId);
    }

    public static Movement reservation(ReserveRequest request, String correlationId) {
        return new Movement(null, request, null, correlationId);
    }

    /** Posts the pending reservation {@code reservationId}: its amount moves, as {@link WalletApi#post} does. */
    public static Movement posting(UUID reservationId, String correlationId) {
        return new Movement(null, null, reservationId, correlationId);
    }
}
