package io.cellbet.contracts.wallet;

import java.time.Instant;
import java.util.UUID;

/**
 * A seamless brand's wallet acknowledged a credit (a win, a refund), possibly after retries.
 * Published on {@code platform.cell-events} with routing key
 * {@code cell.<cellId>.seamless-credit-acknowledged}.
 *
 * @param transferId      Cellbet's transfer id, the {@code transactionId} the brand saw
 * @param brand           brand code
 * @param playerId        the player's id at the brand
 * @param currency        ISO 4217 code
 * @param amountMinor     amount given, minor units, positive
 * @param type            what the money is for ({@code win}, {@code refund})
 * @param reference       the business reference, may be null
 * @param balanceMinor    the player's balance the brand reported, null if it reported none
 * @param attempts        how many times the credit was sent before it was acknowledged
 * @param acknowledgedAt  when the cell recorded the acknowledgement
 */
public record SeamlessCreditAcknowledged(
        UUID transferId,
        String brand,
        String playerId,
        String currency,
        long amountMinor,
        String type,
        String reference,
        Long balanceMinor,
        int attempts,
        Instant acknowledgedAt) {

    public static final String TYPE = "SeamlessCreditAcknowledged";
    public static final String ROUTING_EVENT = "seamless-credit-acknowledged";
    public static final int SCHEMA_VERSION = 1;
}
