package io.cellbet.cell.sportsbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Publishes normalised feed events on the real {@code platform.feed}, as the control plane's adapter does. */
public final class PlatformFeed implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final ExchangeTap tap;

    private PlatformFeed(ExchangeTap tap) {
        this.tap = tap;
    }

    public static PlatformFeed open() throws Exception {
        return new PlatformFeed(ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_FEED, List.of(),
                delivery -> { }));
    }

    /** An event id no other test run uses. */
    public static String newEvent() {
        return "sr:match:" + (700_000_000L + new Random().nextInt(100_000_000));
    }

    /** One football market (1x2 when {@code typeId} is 1) with two priced outcomes. */
    public static FeedEvent.OddsChanged odds(String event, long at, int typeId, String specifiers, String status,
            String home) {
        return new FeedEvent.OddsChanged(event, 1, 1, at, null, new FeedEvent.EventStatus("live", 6,
                BigDecimal.ONE, BigDecimal.ZERO, "12:00"), List.of(new FeedEvent.MarketOdds(typeId, specifiers, status,
                "available", null, List.of(new FeedEvent.OutcomeOdds("1", new BigDecimal(home), true),
                        new FeedEvent.OutcomeOdds("2", new BigDecimal("4.00"), true)))));
    }

    ObjectNode envelope(String type, Object payload) {
        ObjectNode envelope = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        envelope.put("id", id);
        envelope.put("correlationId", id);
        envelope.put("type", type);
        envelope.put("schemaVersion", FeedEvent.SCHEMA_VERSION);
        envelope.put("source", "control-plane");
        envelope.put("occurredAt", Instant.now().toString());
        envelope.set("payload", json.valueToTree(payload));
        return envelope;
    }

    void publish(String type, ObjectNode envelope) throws Exception {
        tap.publish(FeedEvent.routingKey(type, 1), json.writeValueAsBytes(envelope));
    }

    /** Publishes the payload in an envelope of its own. */
    public void publish(String type, Object payload) throws Exception {
        publish(type, envelope(type, payload));
    }

    @Override
    public void close() throws Exception {
        tap.close();
    }
}
