package io.cellbet.sportsbook.bets.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bet placement and settlement ({@code cellbet.sportsbook.bets.*}). */
@ConfigMapping(prefix = "cellbet.sportsbook.bets")
public interface BetsConfig {

    /** How long a stake stays reserved beyond a bet's live delay before the wallet releases it by itself. */
    @WithDefault("2m")
    Duration stakeHold();

    /** A bet still being placed after this long was interrupted (the cell stopped): it is rejected, its stake freed. */
    @WithDefault("30s")
    Duration placingTimeout();

    /** Bets settled per database transaction. */
    @WithDefault("500")
    int settlementBatchSize();

    /**
     * Threads of the bet writer. Each takes a batch of the bets waiting and writes and stakes it in one transaction.
     * Batches lock exposure rows, then wallet accounts, each in one order, so concurrent batches wait for each other
     * but never deadlock. One by default: every batch takes its brand's {@code stakes_held} row and the exposure rows
     * of the popular events until its commit, so a second writer mostly waits, with a smaller batch.
     */
    @WithDefault("1")
    int writers();

    /**
     * A bet writer's batch that takes longer than this, from its checks to its commit, is logged with the time of each
     * step, at most once a second; 0 logs none.
     */
    @WithDefault("100ms")
    Duration slowBatch();

    /**
     * Threads settling bets, each on its own part of a job: a market's bets settle this many at a time. A worker
     * waits for the ledger (its batch's payouts) and for the database about half of the time, so a 2-core cell with its
     * database settles fastest with four (ops/README.md, the bets bench).
     */
    @WithDefault("4")
    int settlementWorkers();

    /** How often the changed exposure rows are sent to the control plane ({@link ExposurePublisher}). */
    @WithDefault("1s")
    Duration exposureInterval();

    /** How often every exposure row is sent to the control plane again, changed or not (at start, then so often). */
    @WithDefault("5m")
    Duration exposureFullResend();

    /**
     * How often the cell looks for live bets whose delay is over, on a thread of its own ({@code bet-acceptor}): a bet
     * waits its delay and at most this much more. Not a {@code @Scheduled} job: Quarkus' scheduler looks at its
     * triggers once a second, so a shorter interval would still run once a second, at the same moment as every other
     * job of the cell.
     */
    @WithDefault("200ms")
    Duration liveAcceptInterval();

    /** How long placement waits for the wallet before answering WALLET_BUSY. */
    @WithDefault("10s")
    Duration walletTimeout();
}
