package io.cellbet.wallet.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The ledger's limits ({@code cellbet.wallet.ledger.*}). The seamless wallet client has its own
 * group, {@code cellbet.wallet.seamless.*}.
 */
@ConfigMapping(prefix = "cellbet.wallet.ledger")
public interface LedgerConfig {

    /** Most requests the writer applies in one database transaction. */
    @WithDefault("256")
    int batchSizeMax();

    /** Requests waiting for the writer; beyond this, requests are refused with LEDGER_BUSY. */
    @WithDefault("20000")
    int queueSizeMax();

    /**
     * Longest a request may wait in the queue. One that waited longer is refused with LEDGER_BUSY, never applied: a
     * caller that stopped waiting (or a process that recovers its work later) can count on a request not applied by
     * then never being applied, unless it is sent again.
     */
    @WithDefault("5s")
    Duration queueTimeout();

    /** Writer threads per replica. Each commits its own batches; they meet only on row locks. */
    @WithDefault("1")
    int writers();

    /**
     * A batch that takes longer than this (from its start to its commit) is logged with the time of each of its steps,
     * at most once a second; 0 logs none.
     */
    @WithDefault("100ms")
    Duration slowBatch();

    /** How often expired reservations are released. */
    @WithDefault("1s")
    Duration reservationSweepInterval();

    /** Most expired reservations released per sweep. */
    @WithDefault("1000")
    int reservationSweepSizeMax();

    /** How long after its expiry a held reservation counts as an audit finding. */
    @WithDefault("30s")
    Duration expiryGrace();

    /**
     * How often the auditor runs on its own (it also runs on demand). An audit reads the whole ledger, so its cost grows
     * with the cell's history: 2.2 s of a core for 424,000 transfers on a 2-core machine, and a 100,000-bet settlement
     * that ran beside it took 10.5-11.9 s instead of 8.0 (ops/README, bets, "twentieth session"). Hourly keeps that to
     * a moment an hour; {@code cellbet_wallet_audit_age_seconds} tells ops when the last proof is older than wanted.
     */
    @WithDefault("1h")
    Duration auditInterval();

    /** Findings the auditor reports per check at most. */
    @WithDefault("20")
    int auditFindingsMax();
}
