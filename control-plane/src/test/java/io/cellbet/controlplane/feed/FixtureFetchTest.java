package io.cellbet.controlplane.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.feed.application.FeedConsumer;
import io.cellbet.controlplane.feed.application.FeedProviderConfig;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedWriter;
import io.cellbet.feed.api.uof.Fixture;
import io.cellbet.feed.api.uof.FixtureParser;
import io.cellbet.feed.api.uof.RoutingKey;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fixtures from the provider's Sports API, against the simulated provider as a real HTTP server: the test publishes
 * odds changes itself on the provider exchange (the simulator publishes its own feed to an exchange nobody reads, so
 * the only thing bringing an event is what the test sends) and listens for {@code FixtureChanged} on
 * {@code platform.feed}. Test windows: polls every 200 ms, retries from 200 ms to 1 s, missing after two 404s.
 */
@QuarkusTest
class FixtureFetchTest {

    /** Where the simulator publishes its own feed here: bound to no queue, so its messages go nowhere. */
    private static final String UNREAD_EXCHANGE = "unifiedfeed-fixture-test-unread";
    /** Where the test notes, in a received envelope, the routing key it came with. */
    private static final String ROUTING_KEY = "_routingKey";

    @Inject
    Sql sql;

    @Inject
    FeedProviderConfig config;

    @Inject
    FeedConsumer consumer;

    @Inject
    MeterRegistry metrics;

    private final ObjectMapper json = new ObjectMapper();
    private final FeedWriter writer = new FeedWriter();
    /** FixtureChanged events with change "fetched", as published on platform.feed. */
    private final List<JsonNode> fetched = new CopyOnWriteArrayList<>();
    private ExchangeTap feed;
    private ExchangeTap providerExchange;
    private OddsProviderSimulator provider;
    private long timestamp = System.currentTimeMillis();

    @BeforeEach
    void listen() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(consumer::connected);
        // Events other tests brought are no business of this one (their ids are the simulator's too).
        sql.update("DELETE FROM feed.fixtures");
        feed = ExchangeTap.open(TestInfrastructure.broker().url(), Exchanges.PLATFORM_FEED,
                List.of("feed." + FeedEvent.FIXTURE_CHANGED + ".#"), delivery -> {
                    try {
                        ObjectNode envelope = (ObjectNode) json.readTree(delivery.body());
                        if (envelope.path("payload").path("change").asText().equals("fetched")) {
                            fetched.add(envelope.put(ROUTING_KEY, delivery.routingKey()));
                        }
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
    void anOddsChangeForANewEventLeadsToOneFixtureChangedWithItsNames() throws Exception {
        startProvider();
        Fixture expected = sportsApi("sr:match:3");

        oddsChange("sr:match:3", expected.sportNumber());
        oddsChange("sr:match:3", expected.sportNumber());

        await().atMost(Duration.ofSeconds(15)).until(() -> fetchedOf("sr:match:3").size() == 1);
        oddsChange("sr:match:3", expected.sportNumber());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> fetchedOf("sr:match:3")
                .size() == 1);

        JsonNode envelope = fetchedOf("sr:match:3").get(0);
        assertEquals(FeedEvent.FIXTURE_CHANGED, envelope.path("type").asText(), envelope.toString());
        assertEquals(FeedEvent.routingKey(FeedEvent.FIXTURE_CHANGED, expected.sportNumber()),
                envelope.path(ROUTING_KEY).asText());
        JsonNode payload = envelope.path("payload");
        assertEquals(expected.sportNumber(), payload.path("sportId").asInt());
        assertEquals(expected.startTime().longValue(), payload.path("startTime").asLong());
        JsonNode fixture = payload.path("fixture");
        assertEquals(expected.sport().name(), fixture.path("sportName").asText());
        assertEquals(expected.category().id(), fixture.path("category").path("id").asText());
        assertEquals(expected.category().name(), fixture.path("category").path("name").asText());
        assertEquals(expected.tournament().name(), fixture.path("tournament").path("name").asText());
        assertEquals(2, fixture.path("competitors").size());
        for (int i = 0; i < 2; i++) {
            JsonNode competitor = fixture.path("competitors").get(i);
            assertEquals(expected.competitors().get(i).id(), competitor.path("id").asText());
            assertEquals(expected.competitors().get(i).name(), competitor.path("name").asText());
            assertEquals(expected.competitors().get(i).qualifier(), competitor.path("qualifier").asText());
        }
        assertEquals("fetched", state("sr:match:3"));
    }

    @Test
    void anEventTheProviderDoesNotKnowEndsMissingWithoutHoldingUpOthers() throws Exception {
        startProvider();
        oddsChange("sr:match:987654321", 1);
        oddsChange("sr:match:2", 2);

        await().atMost(Duration.ofSeconds(15)).until(() -> fetchedOf("sr:match:2").size() == 1
                && state("sr:match:987654321").equals("missing"));
        assertEquals(config.fixtureMissingAttempts(), sql.one("SELECT attempts FROM feed.fixtures WHERE event_id = ?",
                row -> row.getInt(1), "sr:match:987654321").orElseThrow());
        oddsChange("sr:match:987654321", 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                state("sr:match:987654321").equals("missing") && fetchedOf("sr:match:987654321").isEmpty());
    }

    @Test
    void aProviderOutageIsRetriedUntilTheFixtureIsFetched() throws Exception {
        double failuresBefore = failures();
        // Nobody listens on the API port yet: the provider's HTTP API is down.
        oddsChange("sr:match:1", 1);
        // A claim counts its attempt before the call is made, the failure is counted after it: wait for both.
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts("sr:match:1") >= 3
                && failures() >= failuresBefore + 3);
        assertEquals("pending", state("sr:match:1"));
        assertTrue(fetchedOf("sr:match:1").isEmpty());

        startProvider();
        await().atMost(Duration.ofSeconds(15)).until(() -> fetchedOf("sr:match:1").size() == 1);
        assertEquals("fetched", state("sr:match:1"));
        assertEquals(sportsApi("sr:match:1").competitors().get(0).name(), fetchedOf("sr:match:1").get(0)
                .path("payload").path("fixture").path("competitors").get(0).path("name").asText());
    }

    private void startProvider() throws IOException {
        provider = OddsProviderSimulator.start(OddsProviderSimulator.Settings.defaults(TestInfrastructure.broker()
                .url()).withExchange(UNREAD_EXCHANGE).withHttpPort(URI.create(config.apiUrl()).getPort())
                .withEvents(4).withOddsChangesPerSecond(0).withAliveInterval(Duration.ofHours(1)));
    }

    /** The fixture as the simulated Sports API serves it to anyone with a token. */
    private Fixture sportsApi(String eventId) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                provider.httpUrl() + "/v1/sports/en/sport_events/" + eventId + "/fixture.xml"))
                .header(OddsProviderSimulator.ACCESS_TOKEN_HEADER, "test").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return new FixtureParser().parse(answer.body());
    }

    private void oddsChange(String eventId, int sportId) throws IOException {
        FeedMessage.OddsChange odds = new FeedMessage.OddsChange(3, eventId, ++timestamp, null, null, null, null,
                List.of());
        providerExchange.publish(RoutingKey.forEvent(odds, true, false, sportId).toString(), writer.write(odds));
    }

    private List<JsonNode> fetchedOf(String eventId) {
        return fetched.stream().filter(envelope -> envelope.path("payload").path("eventId").asText().equals(eventId))
                .toList();
    }

    private String state(String eventId) {
        return sql.one("SELECT state FROM feed.fixtures WHERE event_id = ?", row -> row.getString(1), eventId)
                .orElse("none");
    }

    private int attempts(String eventId) {
        return sql.one("SELECT attempts FROM feed.fixtures WHERE event_id = ?", row -> row.getInt(1), eventId)
                .orElse(0);
    }

    private double failures() {
        return metrics.find("cellbet.feed.fixture.fetch.failures").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
