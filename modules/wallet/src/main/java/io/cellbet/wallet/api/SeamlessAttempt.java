package io.cellbet.wallet.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One sending of a seamless call and what came of it, kept for audit.
 *
 * @param transferId  the call
 * @param attempt     1 for the first sending
 * @param sentAt      when it was sent
 * @param durationMs  how long until the answer (or the failure)
 * @param outcome     {@code acknowledged}, {@code rejected} or {@code unknown}
 * @param httpStatus  the answer's status, null when none came
 * @param code        the brand's code ({@code OK}, {@code INSUFFICIENT_FUNDS}), null when none came
 * @param error       what went wrong, for unknown outcomes
 */
public record SeamlessAttempt(UUID transferId, int attempt, Instant sentAt, long durationMs, String outcome,
        Integer httpStatus, String code, String error) {
}
