package io.cellbet.contracts.bets;

import java.time.Instant;
import java.util.List;

/**
 * Every bet whose status one transaction of the cell changed, cell to control plane on {@code platform.cell-events}
 * (routing key {@code cell.<id>.sportsbook.BetsChanged}, aggregate {@code bet-batch}): a batch of placements, live
 * bets accepted at the end of their delay, a rejection, a cash-out. One message per transaction rather than one per
 * bet, as {@link BetsSettled} is for settlement: the bet writer places hundreds of bets per transaction under load.
 */
public record BetsChanged(String cellId, List<BetStatusChanged> bets, Instant at) {

    public static final String TYPE = "BetsChanged";
    public static final int SCHEMA_VERSION = 1;
    public static final String AGGREGATE_TYPE = "bet-batch";
}
