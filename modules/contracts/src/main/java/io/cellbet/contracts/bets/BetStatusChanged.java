package io.cellbet.contracts.bets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bet's new status, one of the {@link BetsChanged} event's bets. Sent when a bet is placed (pending or open),
 * accepted after its live delay, rejected, settled, resettled, voided or cashed out (settlement batches send
 * {@link BetsSettled} instead). Amounts in minor units of {@code currency}; {@code paidMinor} is what the bet has paid
 * the player so far, net. {@code correlationId} is that of the work that changed the bet (the player's request, the
 * feed message), null when none was known.
 */
public record BetStatusChanged(UUID betId, UUID playerId, String brand, String cellId, String currency, String shape,
        String status, String reason, long stakeMinor, long paidMinor, List<Leg> legs, Instant at,
        String correlationId) {

    public record Leg(String eventId, int sportId, int marketTypeId, String specifiers, String outcomeId,
            BigDecimal odds) {
    }
}
