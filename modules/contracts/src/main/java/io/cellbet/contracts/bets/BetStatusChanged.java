package io.cellbet.contracts.bets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bet's new status, cell to control plane on {@code platform.cell-events} (routing key
 * {@code cell.<id>.sportsbook.BetStatusChanged}, aggregate {@code bet} / the bet id). Sent when a bet is placed
 * (pending or open), accepted after its live delay, rejected, settled, resettled, voided or cashed out. Amounts in
 * minor units of {@code currency}; {@code paidMinor} is what the bet has paid the player so far, net.
 */
public record BetStatusChanged(UUID betId, UUID playerId, String brand, String cellId, String currency, String shape,
        String status, String reason, long stakeMinor, long paidMinor, List<Leg> legs, Instant at) {

    public static final String TYPE = "BetStatusChanged";
    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "bet";

    public record Leg(String eventId, int sportId, int marketTypeId, String specifiers, String outcomeId,
            BigDecimal odds) {
    }
}
