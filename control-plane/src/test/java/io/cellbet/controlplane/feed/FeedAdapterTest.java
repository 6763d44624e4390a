package io.cellbet.controlplane.feed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.feed.application.FeedConsumer;
import io.cellbet.controlplane.feed.application.FeedProviderConfig;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed adapter over a real broker: the simulated provider publishes XML to the provider exchange, the control
 * plane publishes normalised events to {@code platform.feed}, records each producer's progress, and dead-letters
 * what it cannot read without stopping.
 */
@QuarkusTest
class FeedAdapterTest {

    @Inject
    Sql sql;

    @Inject
    FeedProviderConfig config;

    @Inject
    FeedConsumer consumer;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<JsonNode>> normalisedByType = new ConcurrentHashMap<>();
    private ExchangeTap feed;
    private ExchangeTap providerExchange;
    private OddsProviderSimulator provider;

    @BeforeEach
    void listenToPlatformFeed() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(consumer::connected);
        feed = ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_FEED, List.of("feed.#"),
                delivery -> {
                    try {
                        JsonNode envelope = json.readTree(delivery.body());
                        normalisedByType.computeIfAbsent(envelope.path("type").asText(),
                                type -> new CopyOnWriteArrayList<>()).add(envelope);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        providerExchange = ExchangeTap.open(TestInfrastructure.broker().url(), config.exchange(), List.of(),
                delivery -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (provider != null) {
            provider.close();
        }
        feed.close();
        providerExchange.close();
    }

    @Test
    void publishesNormalisedEventsAndRecordsEachProducersProgress() throws Exception {
        provider = OddsProviderSimulator.start(OddsProviderSimulator.Settings
                .defaults(TestInfrastructure.broker().url()).withExchange(config.exchange()).withEvents(8)
                .withOddsChangesPerSecond(100).withAliveInterval(Duration.ofMillis(200)));

        await().atMost(Duration.ofSeconds(30)).until(() -> normalisedByType.getOrDefault(FeedEvent.ODDS_CHANGED,
                List.of()).size() >= 50 && normalisedByType.getOrDefault(FeedEvent.FIXTURE_CHANGED, List.of())
                .size() >= 8);

        JsonNode odds = normalisedByType.get(FeedEvent.ODDS_CHANGED).get(0);
        assertEquals(FeedEvent.SCHEMA_VERSION, odds.path("schemaVersion").asInt());
        JsonNode payload = odds.path("payload");
        assertTrue(payload.path("eventId").asText().startsWith("sr:match:"), payload.toString());
        JsonNode market = payload.path("markets").get(0);
        assertTrue(List.of("active", "suspended", "settled").contains(market.path("status").asText()),
                market.toString());
        assertTrue(market.path("typeId").asInt() > 0);
        assertFalse(payload.path("status").path("status").asText().isEmpty(), "event status as a name");
        JsonNode fixture = normalisedByType.get(FeedEvent.FIXTURE_CHANGED).get(0).path("payload");
        assertEquals("created", fixture.path("change").asText());

        await().atMost(Duration.ofSeconds(10)).until(() -> sql.list("SELECT product FROM feed.producers WHERE "
                + "last_processed_at > 0 AND last_alive_at > 0", row -> row.getInt(1)).containsAll(List.of(1, 3)));
    }

    @Test
    void deadLettersWhatItCannotReadAndKeepsConsuming() throws Exception {
        String event = "sr:match:" + (900_000_000L + (UUID.randomUUID().getLeastSignificantBits() & 0xffffff));
        String badKey = "hi.-.live.odds_change.1." + event.substring(0, event.lastIndexOf(':'))
                + "." + event.substring(event.lastIndexOf(':') + 1) + ".-";
        String goodKey = badKey.replace("odds_change", "bet_stop");
        publish(badKey, "<odds_change product=\"1\" event_id=\"" + event + "\" timestamp=\"1\"><odds>");
        publish(goodKey, "<odds_change product=\"1\" event_id=\"" + event + "\" timestamp=\"2\"/>");
        publish(goodKey, "<bet_stop product=\"1\" event_id=\"" + event + "\" timestamp=\"3\" groups=\"all\"/>");

        await().atMost(Duration.ofSeconds(20)).until(() -> normalisedByType.getOrDefault(FeedEvent.BETS_STOPPED,
                List.of()).stream().anyMatch(stop -> stop.path("payload").path("eventId").asText().equals(event)));
        List<String> reasons = sql.list("SELECT reason FROM feed.dead_letters WHERE routing_key IN (?, ?) ORDER BY id",
                row -> row.getString(1), badKey, goodKey);
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("not well-formed XML"), reasons.get(0));
        assertTrue(reasons.get(1).contains("routing key names bet_stop but the body is <odds_change>"),
                reasons.get(1));
        JsonNode stop = normalisedByType.get(FeedEvent.BETS_STOPPED).stream()
                .filter(message -> message.path("payload").path("eventId").asText().equals(event)).findFirst()
                .orElseThrow().path("payload");
        assertEquals("suspended", stop.path("marketStatus").asText());
        assertEquals("all", stop.path("groups").get(0).asText());
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("cellbet_feed_dead_letters_total")
                && !line.endsWith(" 0.0")), "dead letters are counted");
    }

    private void publish(String routingKey, String xml) throws Exception {
        providerExchange.publish(routingKey, xml.getBytes(StandardCharsets.UTF_8));
    }
}
