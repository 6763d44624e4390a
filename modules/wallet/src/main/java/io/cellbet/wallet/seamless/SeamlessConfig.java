package io.cellbet.wallet.seamless;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Calls to seamless brands' wallets: timeouts and the retrying of credits and rollbacks.
 * The brands' HMAC keys are not here: the app resolves them (in the cell,
 * {@code cellbet.wallet.seamless-secrets."<secretRef>"}).
 */
@ConfigMapping(prefix = "cellbet.wallet.seamless")
public interface SeamlessConfig {

    /** Time allowed to open a connection to a brand's wallet. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Time allowed for a brand's answer (until its headers arrive). Later answers are lost
     * outcomes: a debit is then rolled back, a credit or rollback sent again.
     */
    @WithDefault("5s")
    Duration requestTimeout();

    /**
     * Time allowed for a brand's answer to a balance read (a player waiting on a page), shorter than
     * {@link #requestTimeout()}; a later answer makes the balance unavailable.
     */
    @WithDefault("2s")
    Duration balanceTimeout();

    /**
     * How long a call being sent is left to its sender. A call still pending after this was
     * lost with its sender (a crash, a killed replica): a debit is then rolled back, a credit
     * or rollback sent again. Must exceed connect plus request timeout.
     */
    @WithDefault("30s")
    Duration inFlightLease();

    /** Pause before the second attempt of a credit or rollback; it doubles with each further attempt. */
    @WithDefault("1s")
    Duration retryBackoffInitial();

    /** Longest pause between attempts; attempts never stop, so nothing is dropped. */
    @WithDefault("5m")
    Duration retryBackoffMax();

    /** How often the retrier looks for calls due when nothing woke it. */
    @WithDefault("1s")
    Duration retryPollInterval();

    /** Calls the retrier takes per round. */
    @WithDefault("100")
    int retryBatchSize();

    /** Calls the retrier sends at the same time. */
    @WithDefault("8")
    int retryConcurrency();
}
