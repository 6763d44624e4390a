package io.cellbet.controlplane.feed.application;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The producers' state in {@code feed.producers}, changed only inside the caller's transaction and always with
 * its event in the outbox: a producer goes down (alive missing, subscription lost) with {@code ProducerDown} and up
 * again only on the {@code snapshot_complete} of the recovery it asked for, with {@code ProducerUp}.
 */
@ApplicationScoped
public class Producers {

    private static final Logger LOG = Logger.getLogger(Producers.class);

    /** A producer whose state the monitor may act on. */
    record Producer(int product, String state, Long lastProcessedAt, boolean aliveOverdue, boolean recoveryDue) {
    }

    private final Sql sql;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public Producers(Sql sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    /** Creates the rows of the watched producers (down until their first recovery completes). */
    void ensure(int product) {
        sql.update("INSERT INTO feed.producers (product, state, down_reason) VALUES (?, 'down', 'starting') "
                + "ON CONFLICT (product) DO NOTHING", product);
    }

    /**
     * Locks a producer's row for this transaction, or skips it when another replica holds it; tells whether its
     * alive is overdue (neither an alive nor its coming up within the window) and whether a recovery should be
     * (re)requested.
     */
    Optional<Producer> lock(int product, long inactivityMs) {
        return sql.one("SELECT product, state, last_processed_at, "
                + "coalesce(greatest(last_alive_received_at, up_at) < now() - make_interval(secs => ? / 1000.0), true) "
                + "AS overdue, "
                + "(next_recovery_at IS NULL OR next_recovery_at <= now()) AS recovery_due "
                + "FROM feed.producers WHERE product = ? FOR UPDATE SKIP LOCKED",
                row -> new Producer(row.getInt("product"), row.getString("state"),
                        (Long) row.getObject("last_processed_at"), row.getBoolean("overdue"),
                        row.getBoolean("recovery_due")),
                inactivityMs, product);
    }

    /** Marks the producer down, if it was up, and publishes {@code ProducerDown}. */
    void down(int product, String reason) {
        boolean wasUp = sql.update("UPDATE feed.producers SET state = 'down', down_reason = ?, recovery_request_id = "
                + "NULL, recovery_requested_at = NULL, next_recovery_at = NULL, updated_at = now() "
                + "WHERE product = ? AND state = 'up'", reason, product) == 1;
        if (wasUp) {
            LOG.warnf("feed producer %d down: %s", product, reason);
            publish(FeedEvent.PRODUCER_DOWN, product, new FeedEvent.ProducerDown(product, reason, clock.millis()));
        }
    }

    /** Records a recovery request about to be made: its id, and when to ask again if it does not complete. */
    long newRecoveryRequest(int product, long timeoutMs) {
        long requestId = sql.one("SELECT nextval('feed.recovery_request_ids')", row -> row.getLong(1)).orElseThrow();
        sql.update("UPDATE feed.producers SET recovery_request_id = ?, recovery_requested_at = now(), next_recovery_at "
                + "= now() + make_interval(secs => ? / 1000.0), updated_at = now() WHERE product = ?", requestId,
                timeoutMs, product);
        return requestId;
    }

    /** The provider did not take request {@code requestId} (unreachable, or refused it): ask again after {@code retryMs}. */
    void recoveryRefused(int product, long requestId, long retryMs) {
        sql.update("UPDATE feed.producers SET next_recovery_at = now() + make_interval(secs => ? / 1000.0), "
                + "updated_at = now() WHERE product = ? AND recovery_request_id = ?", retryMs, product, requestId);
    }

    /** The recovery {@code requestId} completed: up, if it was the one asked for last. */
    void recovered(int product, long requestId) {
        boolean up = sql.update("UPDATE feed.producers SET state = 'up', down_reason = NULL, up_at = now(), "
                + "updated_at = now() WHERE product = ? AND state = 'down' AND recovery_request_id = ?", product,
                requestId) == 1;
        if (up) {
            LOG.infof("feed producer %d up (recovery %d complete)", product, requestId);
            publish(FeedEvent.PRODUCER_UP, product, new FeedEvent.ProducerUp(product, requestId, clock.millis()));
        }
    }

    /** An alive arrived: when, and whether the provider still has our subscription. */
    void alive(int product, long timestamp, boolean subscribed) {
        sql.update("INSERT INTO feed.producers (product, last_alive_at, last_alive_received_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (product) DO UPDATE SET last_alive_at = greatest(feed.producers.last_alive_at, "
                + "excluded.last_alive_at), last_alive_received_at = now(), updated_at = now()", product, timestamp);
        if (!subscribed) {
            down(product, "unsubscribed");
        }
    }

    /** The newest provider timestamp processed for the producer. */
    void processed(int product, long timestamp) {
        sql.update("INSERT INTO feed.producers (product, last_processed_at) VALUES (?, ?) ON CONFLICT (product) DO "
                + "UPDATE SET last_processed_at = greatest(feed.producers.last_processed_at, "
                + "excluded.last_processed_at), updated_at = now()", product, timestamp);
    }

    private void publish(String type, int product, Object payload) {
        outbox.append(new OutboxMessage(Exchanges.PLATFORM_FEED, FeedEvent.routingKey(type, FeedEvent.ALL_SPORTS),
                FeedEvent.PRODUCER_AGGREGATE_TYPE, Integer.toString(product), type, FeedEvent.SCHEMA_VERSION, payload,
                null));
    }
}
