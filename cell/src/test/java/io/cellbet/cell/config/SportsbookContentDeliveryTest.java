package io.cellbet.cell.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.cell.sportsbook.PlatformFeed;
import io.cellbet.testsupport.live.LiveClient;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.sportsbook.api.BrandContents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A brand's sportsbook content published on {@code platform.config} reaches the sportsbook through
 * {@link BrandContents}, and a newer version replaces what the cache held.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStub.class)
@QuarkusTestResource(CellQueueCleanup.class)
class SportsbookContentDeliveryTest {

    private static final String CODE = "CONTENT";
    private static final String VIEW_BRAND = "VIEWBET";

    @TestHTTPResource("/")
    URL cellUrl;

    @Inject
    ObjectMapper json;

    @Inject
    BrandContents contents;

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(System.getProperty("cellbet.infra.broker.url"));
        connection = factory.newConnection("sportsbook-content-delivery-test");
        channel = connection.createChannel();
        channel.confirmSelect();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    @Test
    void answersNoOverridesForABrandWithoutContent() {
        assertEquals(SportsbookContent.NONE, contents.content("NOCONTENT"));
        assertEquals(SportsbookContent.NONE, contents.content(null));
    }

    @Test
    void servesPublishedContentAndANewerVersionOfIt() throws Exception {
        SportsbookContent first = new SportsbookContent(Set.of(5), Set.of("sr:match:7"), Set.of(29),
                Set.of("sr:match:1/18/total=2.5"), Map.of(1, new BigDecimal("2.5")), List.of("sr:match:9"));
        long version = appliedVersion() + 1;
        publish(version, first);
        awaitVersion(version);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.equals(contents.content(CODE)));
        SportsbookContent held = contents.content(CODE);
        assertEquals(new BigDecimal("1.95"), held.price(1, new BigDecimal("2.00")));
        assertEquals(false, held.marketVisible("sr:match:1", 18, "total=2.5"));

        // The first document is cached now; the next version must replace it without a restart.
        SportsbookContent second = new SportsbookContent(Set.of(), Set.of(), Set.of(), Set.of(), Map.of(),
                List.of("sr:match:3"));
        publish(version + 1, second);
        awaitVersion(version + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.equals(contents.content(CODE)));
        assertEquals(true, contents.content(CODE).featured("sr:match:3"));
    }

    /**
     * A brand's players see the catalog through its content: over REST and live, hidden sports, events and markets
     * are gone, odds carry the sport's margin, featured events come first; an unknown brand is refused.
     */
    @Test
    void playersSeeTheCatalogThroughTheirBrandsContent() throws Exception {
        String shown = "sr:match:" + (810_000_000 + new Random().nextInt(1_000_000));
        String hidden = "sr:match:" + (820_000_000 + new Random().nextInt(1_000_000));
        int sport = 60_000 + new Random().nextInt(30_000);
        long version = appliedVersion() + 1;
        publish(version, ConfigKinds.BRAND, VIEW_BRAND, new BrandConfig(VIEW_BRAND, "View Bet",
                List.of("view.example"), List.of("EUR"), "en", List.of("sportsbook"), "internal", null,
                new BrandConfig.Theme("#000000", "#ffffff", null)));
        publish(version + 1, ConfigKinds.SPORTSBOOK_CONTENT, VIEW_BRAND, new SportsbookContent(Set.of(),
                Set.of(hidden), Set.of(29), Set.of(), Map.of(sport, new BigDecimal("10")), List.of(shown)));
        awaitVersion(version + 1);
        try (PlatformFeed feed = PlatformFeed.open()) {
            for (String event : List.of(hidden, shown)) {
                FeedEvent.OddsChanged odds = new FeedEvent.OddsChanged(event, sport, 1, 1000L, null, null, List.of(
                        market(1, "2.20"), market(29, "1.80")));
                feed.publish(FeedEvent.ODDS_CHANGED, odds);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> given().queryParam("sport", sport)
                    .get("/api/sportsbook/events").jsonPath().getInt("total") == 2);

            // Without a brand: both events, every market, the feed's odds.
            given().get("/api/sportsbook/events/" + shown).then().statusCode(200).body("markets.size()", equalTo(2))
                    .body("markets[0].outcomes[0].odds", equalTo(2.2f)).body("featured", equalTo(false));
            // The brand: the hidden event is gone, market type 29 too, 10 points of margin, the event featured.
            given().queryParam("brand", VIEW_BRAND).queryParam("sport", sport).get("/api/sportsbook/events").then()
                    .statusCode(200).body("total", equalTo(1)).body("events[0].id", equalTo(shown))
                    .body("events[0].featured", equalTo(true));
            given().queryParam("brand", VIEW_BRAND).get("/api/sportsbook/events/" + hidden).then().statusCode(404)
                    .body("code", equalTo("unknown-event"));
            given().queryParam("brand", VIEW_BRAND).get("/api/sportsbook/events/" + shown).then().statusCode(200)
                    .body("markets.size()", equalTo(1)).body("markets[0].typeId", equalTo(1))
                    .body("markets[0].outcomes[0].odds", equalTo(2.0f)).body("featured", equalTo(true));

            try (LiveClient player = LiveClient.connect(cellUrl.toString(), VIEW_BRAND);
                    LiveClient stranger = LiveClient.connect(cellUrl.toString(), "NOSUCHBRAND")) {
                player.subscribe(shown, hidden);
                await().atMost(Duration.ofSeconds(10)).until(() -> !player.frames("snapshot").isEmpty());
                FeedEvent.OddsChanged next = new FeedEvent.OddsChanged(shown, sport, 1, 1001L, null, null, List.of(
                        market(1, "3.30"), market(29, "1.70")));
                feed.publish(FeedEvent.ODDS_CHANGED, next);
                await().atMost(Duration.ofSeconds(10)).until(() -> !player.frames("delta").isEmpty());
                JsonNode delta = player.frames("delta").get(0);
                assertEquals(1, delta.path("markets").size(), "market type 29 is hidden live too");
                assertEquals(0, new BigDecimal("3.00").compareTo(delta.path("markets").get(0).path("outcomes")
                        .get(0).path("odds").decimalValue()), "3.30 with 10 points of margin");
                assertEquals(1, player.frames("snapshot").size(), "no snapshot of the hidden event");
                assertEquals(1008, stranger.closedWith().get(10, TimeUnit.SECONDS));
                assertEquals("UNKNOWN_BRAND", stranger.frames("error").get(0).path("code").asText());
            }
        }
    }

    private static FeedEvent.MarketOdds market(int typeId, String odds) {
        return new FeedEvent.MarketOdds(typeId, "", "active", null, null, List.of(
                new FeedEvent.OutcomeOdds("1", new BigDecimal(odds), true)));
    }

    private UUID store() {
        String held = given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath()
                .getString("storeId");
        return held == null ? ControlPlaneStub.STORE : UUID.fromString(held);
    }

    private long appliedVersion() {
        return given().when().get("/api/config/version").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    private void awaitVersion(long version) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/config/version").then().body("version", equalTo((int) version)));
    }

    private void publish(long version, SportsbookContent content) throws Exception {
        publish(version, ConfigKinds.SPORTSBOOK_CONTENT, CODE, content);
    }

    private void publish(long version, String kind, String key, Object value) throws Exception {
        ConfigChanged change = new ConfigChanged(store(), version, kind, key,
                Instant.now().truncatedTo(ChronoUnit.MICROS), json.valueToTree(value));
        UUID messageId = UUID.randomUUID();
        channel.basicPublish(Exchanges.PLATFORM_CONFIG, Exchanges.configRoutingKey(kind, key),
                ConfigEnvelopes.properties(messageId), ConfigEnvelopes.body(json, messageId, json.valueToTree(change)));
        channel.waitForConfirmsOrDie(5_000);
    }
}
