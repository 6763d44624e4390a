package io.cellbet.platform.messaging.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The transactional outbox and its relay to the broker. */
@ConfigMapping(prefix = "cellbet.outbox")
public interface OutboxConfig {

    /** The name messages carry as their source, such as {@code control-plane} or {@code cell-1}. */
    String source();

    /** Messages published per relay transaction; also bounds what one confirm wait covers. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for unsent messages when no commit woke it. */
    @WithDefault("250ms")
    Duration pollInterval();

    /**
     * Least time between the starts of two relay rounds. A commit wakes the relay; under load commits come every few
     * milliseconds, and a round each (a read, a publish with its confirm, a "mark sent" and a commit) cost more CPU
     * than the messages: commits within this time share one round. Messages wait at most this long more; the
     * requests that wrote them do not.
     */
    @WithDefault("20ms")
    Duration roundIntervalMin();

    /** First pause after a failed batch; doubles on each further failure. */
    @WithDefault("200ms")
    Duration retryBackoffMin();

    /** Longest pause between retries of a failed batch; retries never stop, so nothing is dropped. */
    @WithDefault("10s")
    Duration retryBackoffMax();

    /** How long sent messages stay in the table (for audit and replay) before they are purged. */
    @WithDefault("24h")
    Duration sentRetention();

    /** Rows deleted per purge statement, so purging never holds long locks. */
    @WithDefault("1000")
    int purgeBatchSize();

    /** Whether this process runs a relay (set false on a replica that must only write). */
    @WithDefault("true")
    boolean relayEnabled();
}
