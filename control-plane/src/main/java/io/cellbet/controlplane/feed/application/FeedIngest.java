package io.cellbet.controlplane.feed.application;

import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedParseException;
import io.cellbet.feed.api.uof.FeedParser;
import io.cellbet.feed.api.uof.RoutingKey;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.persistence.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Takes one provider message: reads it, publishes its normalised event to {@code platform.feed} through the outbox,
 * records the producer's newest processed timestamp and, for a {@code fixture_change} or the odds of an event not
 * yet known, that the event's fixture is to be fetched ({@link FixtureFetcher}), in one transaction. A message it
 * cannot read is kept in {@code feed.dead_letters} with the reason, counted and logged with its routing key; it never
 * stops the feed.
 */
@ApplicationScoped
public class FeedIngest {

    private static final Logger LOG = Logger.getLogger(FeedIngest.class);

    /** What became of a message. */
    public enum Outcome { PUBLISHED, RECORDED, DEAD_LETTERED }

    private final FeedParser parser = new FeedParser();
    private final Sql sql;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Producers producers;
    private final Fixtures fixtures;

    public FeedIngest(Sql sql, Outbox outbox, MeterRegistry metrics, Producers producers, Fixtures fixtures) {
        this.sql = sql;
        this.outbox = outbox;
        this.metrics = metrics;
        this.producers = producers;
        this.fixtures = fixtures;
    }

    /** A message as it came off the provider's queue. */
    public record Received(String routingKey, byte[] body) {
    }

    @Transactional
    public Outcome ingest(String routingKey, byte[] body) {
        return apply(routingKey, body);
    }

    /**
     * Messages that were waiting together, in their order, in one transaction: one commit for a burst instead of one
     * per message. A failure (the database) fails them all; the caller then takes them one at a time.
     */
    @Transactional
    public List<Outcome> ingestAll(List<Received> messages) {
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        for (Received message : messages) {
            outcomes.add(apply(message.routingKey(), message.body()));
        }
        return outcomes;
    }

    private Outcome apply(String routingKey, byte[] body) {
        FeedMessage message;
        RoutingKey key;
        try {
            key = RoutingKey.parse(routingKey);
            message = parser.parse(body);
            if (!key.messageType().equals(message.type())) {
                throw new FeedParseException("routing key names " + key.messageType() + " but the body is <"
                        + message.type() + ">");
            }
        } catch (FeedParseException e) {
            sql.update("INSERT INTO feed.dead_letters (routing_key, body, reason) VALUES (?, ?, ?)", routingKey,
                    body == null ? new byte[0] : body, e.getMessage());
            metrics.counter("cellbet.feed.dead.letters").increment();
            LOG.warnf("feed message on %s dead-lettered: %s", routingKey, e.getMessage());
            return Outcome.DEAD_LETTERED;
        }
        metrics.counter("cellbet.feed.messages", "type", message.type()).increment();
        if (message instanceof FeedMessage.Alive alive) {
            producers.alive(alive.product(), alive.timestamp(), alive.subscribed());
            return Outcome.RECORDED;
        }
        if (message instanceof FeedMessage.SnapshotComplete complete) {
            producers.recovered(complete.product(), complete.requestId());
            return Outcome.RECORDED;
        }
        FeedMessage.EventMessage event = (FeedMessage.EventMessage) message;
        int sportId = key.sportId() == null ? FeedEvent.ALL_SPORTS : key.sportId();
        FeedNormaliser.Normalised normalised = FeedNormaliser.normalise(event, sportId);
        outbox.append(new OutboxMessage(Exchanges.PLATFORM_FEED, FeedEvent.routingKey(normalised.type(), sportId),
                FeedEvent.AGGREGATE_TYPE, event.eventId(), normalised.type(), FeedEvent.SCHEMA_VERSION,
                normalised.payload(), null));
        producers.processed(event.product(), event.timestamp());
        // The feed carries no names: FixtureFetcher reads them from the Sports API for each event seen, and again
        // whenever the provider says the fixture changed.
        if (event instanceof FeedMessage.FixtureChange) {
            fixtures.changed(event.eventId(), sportId, event.product());
        } else if (event instanceof FeedMessage.OddsChange) {
            fixtures.seen(event.eventId(), sportId, event.product());
        }
        return Outcome.PUBLISHED;
    }
}
