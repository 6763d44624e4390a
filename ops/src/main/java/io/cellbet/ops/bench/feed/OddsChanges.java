package io.cellbet.ops.bench.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a cell's live odds the way the control plane does: {@code OddsChanged} envelopes on {@code platform.feed},
 * round-robin over a few events, one market with three outcomes each, {@code generatedAt} = now (strictly
 * increasing per market, since a cell ignores an older change), at a rate that can change while it runs.
 */
final class OddsChanges implements AutoCloseable {

    static final int SPORT_ID = 1;
    static final int PRODUCER = 1;
    static final int MARKET_TYPE = 1;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> events;
    private final long[] lastGeneratedAt;
    private final Connection connection;
    private final Channel channel;
    private final Thread pacer;
    private volatile double ratePerSecond;
    private volatile boolean closed;
    private volatile Exception failure;
    private long sequence;

    OddsChanges(String amqpUrl, List<String> events) throws Exception {
        this.events = List.copyOf(events);
        this.lastGeneratedAt = new long[events.size()];
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(amqpUrl));
        connection = factory.newConnection("feed-bench-odds");
        channel = connection.createChannel();
        pacer = new Thread(this::pace, "feed-bench-odds-pacer");
        pacer.setDaemon(true);
    }

    /** Event ids {@code sr:match:<first>} onwards. */
    static List<String> eventIds(long first, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "sr:match:" + (first + i);
        }
        return List.of(ids);
    }

    List<String> events() {
        return events;
    }

    /** Publishes one change per event now, from the caller's thread (before {@link #start()}). */
    void publishOneEach() throws IOException {
        for (int i = 0; i < events.size(); i++) {
            publish(i);
        }
    }

    void start() {
        pacer.start();
    }

    /** Changes per second from now on; 0 stops. */
    void rate(double perSecond) {
        if (failure != null) {
            throw new IllegalStateException("Publishing odds changes failed: " + failure, failure);
        }
        ratePerSecond = perSecond;
        LockSupport.unpark(pacer);
    }

    private void pace() {
        double rate = 0;
        long startNanos = 0;
        long sentAtRate = 0;
        try {
            while (!closed) {
                double current = ratePerSecond;
                if (current != rate) {
                    rate = current;
                    startNanos = System.nanoTime();
                    sentAtRate = 0;
                }
                if (rate <= 0) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                long waitNanos = startNanos + (long) (sentAtRate * 1e9 / rate) - System.nanoTime();
                if (waitNanos > 0) {
                    LockSupport.parkNanos(Math.min(waitNanos, IDLE_PARK_NANOS));
                    continue;
                }
                publish((int) (sequence % events.size()));
                sentAtRate++;
            }
        } catch (Exception e) {
            if (!closed) {
                failure = e;
                System.err.println("[feed] publishing odds changes failed: " + e);
            }
        }
    }

    private void publish(int eventIndex) throws IOException {
        long seq = ++sequence;
        long generatedAt = Math.max(System.currentTimeMillis(), lastGeneratedAt[eventIndex] + 1);
        lastGeneratedAt[eventIndex] = generatedAt;
        channel.basicPublish(Exchanges.PLATFORM_FEED, FeedEvent.routingKey(FeedEvent.ODDS_CHANGED, SPORT_ID), null,
                json.writeValueAsBytes(envelope(change(events.get(eventIndex), generatedAt, seq))));
    }

    /** One change: market 1 of the event with three outcomes, the home odds moving with {@code seq}. */
    static FeedEvent.OddsChanged change(String eventId, long generatedAt, long seq) {
        BigDecimal home = BigDecimal.valueOf(150 + seq % 100, 2);
        return new FeedEvent.OddsChanged(eventId, SPORT_ID, PRODUCER, generatedAt, null,
                new FeedEvent.EventStatus("live", 6, BigDecimal.ONE, BigDecimal.ZERO, "12:00"),
                List.of(new FeedEvent.MarketOdds(MARKET_TYPE, "", "active", "available", null, List.of(
                        new FeedEvent.OutcomeOdds("1", home, true),
                        new FeedEvent.OutcomeOdds("2", new BigDecimal("3.40"), true),
                        new FeedEvent.OutcomeOdds("3", new BigDecimal("4.20"), true)))));
    }

    /** The platform's message envelope around a payload, as the control plane's outbox writes it. */
    ObjectNode envelope(FeedEvent.OddsChanged payload) {
        ObjectNode envelope = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        envelope.put("id", id);
        envelope.put("correlationId", id);
        envelope.put("type", FeedEvent.ODDS_CHANGED);
        envelope.put("schemaVersion", FeedEvent.SCHEMA_VERSION);
        envelope.put("source", "feed-bench");
        envelope.put("occurredAt", Instant.ofEpochMilli(payload.generatedAt()).toString());
        envelope.set("payload", json.valueToTree(payload));
        return envelope;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(pacer);
        try {
            pacer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("[feed] closing the odds publisher: " + e);
        }
    }
}
