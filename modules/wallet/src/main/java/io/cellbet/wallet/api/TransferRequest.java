package io.cellbet.wallet.api;

import java.util.List;

/**
 * Transfers applied atomically, all or none (one leg is a plain transfer).
 *
 * @param idempotencyKey  the client's key: the same key and content answers the original
 *                        result; the same key with other content is rejected
 * @param legs            1 to {@link #LEGS_MAX} movements
 */
public record TransferRequest(String idempotencyKey, List<TransferLeg> legs) {

    /** Most transfers one request may link. */
    public static final int LEGS_MAX = 16;

    public TransferRequest {
        legs = legs == null ? List.of() : List.copyOf(legs);
    }

    public static TransferRequest of(String idempotencyKey, TransferLeg leg) {
        return new TransferRequest(idempotencyKey, List.of(leg));
    }
}
