package io.cellbet.wallet.api;

/**
 * A transfer or a reservation for {@link WalletApi#applyInTransaction}: exactly one of {@code transfer} and
 * {@code reservation} is given. {@code correlationId} goes on its ledger event (null: none).
 */
public record Movement(TransferRequest transfer, ReserveRequest reservation, String correlationId) {

    public Movement {
        if ((transfer == null) == (reservation == null)) {
            throw new IllegalArgumentException("a movement is a transfer or a reservation");
        }
    }

    public static Movement transfer(TransferRequest request, String correlationId) {
        return new Movement(request, null, correlationId);
    }

    public static Movement reservation(ReserveRequest request, String correlationId) {
        return new Movement(null, request, correlationId);
    }
}
