package io.cellbet.simulators.brandwallet;

import java.time.Instant;

/**
 * One request the reference brand wallet received and how it answered, for tests to assert on
 * (a rollback arrived three times, the second debit was a duplicate).
 *
 * @param receivedAt             when the request arrived
 * @param operation              {@code debit}, {@code credit}, {@code rollback}, {@code balance} or {@code transaction}
 * @param transactionId          the request's {@code transactionId}, if it had one
 * @param originalTransactionId  for a rollback, the debit it undoes
 * @param httpStatus             the status answered
 * @param code                   {@code OK} or the error code answered
 * @param applied                {@code true} when this request changed a balance or the transaction records
 * @param duplicate              {@code true} when it was answered from an earlier processing of its id
 */
public record ReceivedCall(
        Instant receivedAt,
        String operation,
        String transactionId,
        String originalTransactionId,
        int httpStatus,
        String code,
        boolean applied,
        boolean duplicate) {
}
