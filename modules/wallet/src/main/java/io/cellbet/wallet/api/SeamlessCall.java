package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One call to a seamless brand's wallet as the shadow ledger records it.
 *
 * @param transferId          the call's transfer id (the brand's {@code transactionId})
 * @param seq                 order of recording, for paging
 * @param brand               brand code
 * @param playerId            the player's id at the brand
 * @param operation           debit, credit or rollback
 * @param currency            ISO 4217 code
 * @param amountMinor         positive amount, minor units
 * @param type                what the money is for
 * @param reference           business reference, may be null
 * @param originalTransferId  for a rollback, the debit it undoes
 * @param status              where the call stands
 * @param rejection           for a rejected call, why
 * @param attempts            how many times it was sent
 * @param nextAttemptAt       while pending, when it is (re)sent
 * @param lastError           what went wrong on the last unsuccessful attempt
 * @param httpStatus          the status of the brand's last answer, if any
 * @param balanceMinor        the balance the brand reported with its acknowledgement
 * @param responseJson        the brand's last answer (JSON text), if any
 * @param createdAt           when it was recorded
 * @param updatedAt           when it last changed
 */
public record SeamlessCall(
        UUID transferId,
        long seq,
        String brand,
        String playerId,
        SeamlessOperation operation,
        String currency,
        long amountMinor,
        String type,
        String reference,
        UUID originalTransferId,
        SeamlessCallStatus status,
        SeamlessRejection rejection,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Integer httpStatus,
        Long balanceMinor,
        String responseJson,
        Instant createdAt,
        Instant updatedAt) {
}
