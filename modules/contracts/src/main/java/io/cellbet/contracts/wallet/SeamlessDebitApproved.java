package io.cellbet.contracts.wallet;

import java.time.Instant;
import java.util.UUID;

/**
 * A seamless brand's wallet approved a debit (a stake): the money was taken in the brand's
 * wallet. Published on {@code platform.cell-events} with routing key
 * {@code cell.<cellId>.seamless-debit-approved}.
 *
 * @param transferId    Cellbet's transfer id, the {@code transactionId} the brand saw
 * @param brand         brand code
 * @param playerId      the player's id at the brand
 * @param currency      ISO 4217 code
 * @param amountMinor   amount taken, minor units, positive
 * @param type          what the money is for ({@code bet})
 * @param reference     the business reference (bet id), may be null
 * @param balanceMinor  the player's balance the brand reported after the debit, null if it reported none
 * @param approvedAt    when the cell recorded the approval
 */
public record SeamlessDebitApproved(
        UUID transferId,
        String brand,
        String playerId,
        String currency,
        long amountMinor,
        String type,
        String reference,
        Long balanceMinor,
        Instant approvedAt) {

    public static final String TYPE = "SeamlessDebitApproved";
    public static final String ROUTING_EVENT = "seamless-debit-approved";
    public static final int SCHEMA_VERSION = 1;
}
