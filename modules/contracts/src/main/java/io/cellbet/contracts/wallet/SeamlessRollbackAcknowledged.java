package io.cellbet.contracts.wallet;

import java.time.Instant;
import java.util.UUID;

/**
 * A seamless brand's wallet acknowledged the rollback of a debit, possibly after retries: the
 * debit is undone (or never happened). Published on {@code platform.cell-events} with routing
 * key {@code cell.<cellId>.seamless-rollback-acknowledged}.
 *
 * @param transferId          the rollback's own transfer id
 * @param originalTransferId  the debit it undoes
 * @param brand               brand code
 * @param playerId            the player's id at the brand
 * @param currency            ISO 4217 code
 * @param amountMinor         the debit's amount, minor units, positive
 * @param rolledBack          {@code true} when the brand had applied the debit and refunded it,
 *                            {@code false} when it had nothing to roll back
 * @param attempts            how many times the rollback was sent before it was acknowledged
 * @param acknowledgedAt      when the cell recorded the acknowledgement
 */
public record SeamlessRollbackAcknowledged(
        UUID transferId,
        UUID originalTransferId,
        String brand,
        String playerId,
        String currency,
        long amountMinor,
        boolean rolledBack,
        int attempts,
        Instant acknowledgedAt) {

    public static final String TYPE = "SeamlessRollbackAcknowledged";
    public static final String ROUTING_EVENT = "seamless-rollback-acknowledged";
    public static final int SCHEMA_VERSION = 1;
}
