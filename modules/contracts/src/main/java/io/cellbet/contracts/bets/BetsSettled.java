package io.cellbet.contracts.bets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A settlement batch of the cell: every bet it settled, resettled, voided or reopened, with its new status and what
 * it has paid, cell to control plane on {@code platform.cell-events} (routing key
 * {@code cell.<id>.sportsbook.BetsSettled}). One message per batch rather than one per bet: a market of 100,000
 * bets settles in 200 messages.
 */
public record BetsSettled(String cellId, List<Settled> bets, Instant at) {

    public static final String TYPE = "BetsSettled";
    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "settlement-batch";

    /** {@code status}: open (a settlement rolled back), settled or voided. */
    public record Settled(UUID betId, UUID playerId, String brand, String currency, String status, long stakeMinor,
            long paidMinor, long receivableMinor) {
    }
}
