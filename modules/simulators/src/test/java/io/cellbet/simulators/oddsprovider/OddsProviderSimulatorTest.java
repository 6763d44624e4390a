package io.cellbet.simulators.oddsprovider;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.FeedParseException;
import io.cellbet.feed.api.uof.FeedParser;
import io.cellbet.feed.api.uof.Fixture;
import io.cellbet.feed.api.uof.FixtureParser;
import io.cellbet.feed.api.uof.RoutingKey;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated odds provider over a real broker and real HTTP: what it publishes and how it can be steered. */
class OddsProviderSimulatorTest {

    private record Received(String routingKey, FeedMessage message, String xml) {
    }

    private final FeedParser parser = new FeedParser();
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final String exchange = "unifiedfeed-test-" + UUID.randomUUID().toString().substring(0, 8);
    private ExchangeTap tap;
    private OddsProviderSimulator simulator;

    @BeforeEach
    void listen() throws Exception {
        tap = ExchangeTap.open(TestInfrastructure.broker().url(), exchange, List.of("#"), delivery -> {
            String xml = new String(delivery.body(), StandardCharsets.UTF_8);
            FeedMessage message;
            try {
                message = parser.parse(delivery.body());
            } catch (FeedParseException e) {
                message = null;
            }
            received.add(new Received(delivery.routingKey(), message, xml));
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        tap.close();
    }

    @Test
    void publishesFixturesOddsAndAliveWithMatchingRoutingKeys() throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(20).withOddsChangesPerSecond(200)
                .withAliveInterval(Duration.ofMillis(300)));

        Set<String> fixtures = new HashSet<>();
        Set<Integer> aliveProducts = new HashSet<>();
        Set<Integer> sports = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int oddsChanges = 0;
        while ((fixtures.size() < 20 || aliveProducts.size() < 2 || oddsChanges < 100 || sports.size() < 4)
                && System.nanoTime() < deadline) {
            Received message = received.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            assertNotNull(message.message(), "the simulator published what the parser refuses: " + message.xml());
            RoutingKey key = RoutingKey.parse(message.routingKey());
            assertEquals(message.message().type(), key.messageType(), message.routingKey());
            if (message.message() instanceof FeedMessage.EventMessage event) {
                assertEquals(event.eventId(), key.eventUrn(), message.routingKey());
                assertNotNull(key.sportId());
                sports.add(key.sportId());
                assertEquals(event.product() == OddsProviderSimulator.LIVE_PRODUCT, "live".equals(key.live()),
                        message.routingKey());
            }
            if (message.message() instanceof FeedMessage.FixtureChange fixture) {
                fixtures.add(fixture.eventId());
            } else if (message.message() instanceof FeedMessage.Alive alive) {
                assertTrue(alive.subscribed());
                aliveProducts.add(alive.product());
            } else if (message.message() instanceof FeedMessage.OddsChange odds) {
                oddsChanges++;
                assertTrue(odds.markets().stream().allMatch(market -> market.status() != 1
                        || market.outcomes().stream().allMatch(outcome -> outcome.odds().doubleValue() >= 1.01)));
            }
        }
        assertEquals(20, fixtures.size());
        assertEquals(Set.of(1, 3), aliveProducts);
        assertTrue(oddsChanges >= 100, oddsChanges + " odds changes");
        assertEquals(Set.of(1, 2, 5, 109), sports, "football, basketball, tennis and counter-strike");
    }

    @Test
    void servesTheFixtureOfEveryEventItPublishedWithNamesOfItsSport() throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(8).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofHours(1)));
        Set<String> sports = new HashSet<>();
        for (int id = 1; id <= 8; id++) {
            HttpResponse<String> answer = get("/v1/sports/en/sport_events/sr:match:" + id + "/fixture.xml", "t");
            assertEquals(200, answer.statusCode(), answer.body());
            Fixture fixture = new FixtureParser().parse(answer.body().getBytes(StandardCharsets.UTF_8));
            assertEquals("sr:match:" + id, fixture.eventId());
            assertNotNull(fixture.startTime());
            assertTrue(fixture.tournament().id().startsWith("sr:tournament:"), fixture.tournament().id());
            assertTrue(fixture.category().id().startsWith("sr:category:"), fixture.category().id());
            assertEquals(2, fixture.competitors().size());
            assertEquals(List.of("home", "away"), fixture.competitors().stream().map(Fixture.Competitor::qualifier)
                    .toList());
            assertTrue(fixture.competitors().stream().allMatch(competitor -> competitor.id()
                    .startsWith("sr:competitor:") && !competitor.name().isBlank()));
            assertTrue(!fixture.competitors().get(0).id().equals(fixture.competitors().get(1).id()),
                    "nobody plays themselves");
            sports.add(fixture.sport().id() + " " + fixture.sport().name());
        }
        assertEquals(Set.of("sr:sport:1 Soccer", "sr:sport:5 Tennis", "sr:sport:2 Basketball",
                "sr:sport:109 ESport Counter-Strike"), sports);
        assertEquals(get("/v1/sports/en/sport_events/sr:match:3/fixture.xml", "t").body().replaceAll(
                "generated_at=\"[^\"]*\"", ""), get("/v1/sports/de/sport_events/sr:match:3/fixture.xml", "t").body()
                .replaceAll("generated_at=\"[^\"]*\"", ""), "the same fixture for every language and request");
    }

    @Test
    void answersNotFoundForAnUnknownEventBadRequestForAMalformedUrnAndUnauthorizedWithoutAToken()
            throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(2).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofHours(1)));

        HttpResponse<String> unknown = get("/v1/sports/en/sport_events/sr:match:999/fixture.xml", "t");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("response_code=\"NOT_FOUND\"") && unknown.body().contains("<action>")
                && unknown.body().contains("<message>"), unknown.body());
        assertEquals(400, get("/v1/sports/en/sport_events/match-1/fixture.xml", "t").statusCode());
        assertEquals(404, get("/v1/sports/en/sport_events/sr:match:1/summary.xml", "t").statusCode());
        assertEquals(401, get("/v1/sports/en/sport_events/sr:match:1/fixture.xml", null).statusCode());
        assertEquals(401, get("/v1/sports/en/sport_events/sr:match:1/fixture.xml", " ").statusCode());

        simulator.pause();
        assertEquals(503, get("/v1/sports/en/sport_events/sr:match:1/fixture.xml", "t").statusCode());
        simulator.resume();
        assertEquals(200, get("/v1/sports/en/sport_events/sr:match:1/fixture.xml", "t").statusCode());
    }

    @Test
    void namesAreTheSameForTheSameSeed() throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(6).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofHours(1)));
        List<Fixture> first = fixtures(6);
        simulator.close();
        simulator = OddsProviderSimulator.start(settings().withEvents(6).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofHours(1)));
        List<Fixture> second = fixtures(6);

        for (int i = 0; i < 6; i++) {
            assertEquals(first.get(i).tournament(), second.get(i).tournament());
            assertEquals(first.get(i).competitors(), second.get(i).competitors());
        }
    }

    private List<Fixture> fixtures(int count) throws Exception {
        List<Fixture> fixtures = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            fixtures.add(new FixtureParser().parse(get("/v1/sports/en/sport_events/sr:match:" + id + "/fixture.xml",
                    "t").body().getBytes(StandardCharsets.UTF_8)));
        }
        return fixtures;
    }

    @Test
    void fallsSilentWhenPausedAndAnswersARecoveryWithItsRequestIdThenSnapshotComplete() throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(10).withOddsChangesPerSecond(50)
                .withAliveInterval(Duration.ofMillis(200)));
        assertNotNull(next(m -> m instanceof FeedMessage.Alive, 5));

        simulator.pause();
        drainUntilQuiet();
        assertNull(next(m -> true, 1), "a paused provider sends nothing, alive included");
        assertEquals(503, post("/v1/1/recovery/initiate_request?after=0&request_id=41").statusCode());

        simulator.resume();
        assertNotNull(next(m -> m instanceof FeedMessage.Alive, 5));
        assertEquals(400, post("/v1/1/recovery/initiate_request?after=0&request_id=soon").statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(simulator.httpUrl()
                + "/v1/1/recovery/initiate_request?after=0&request_id=40")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no x-access-token, no recovery");
        assertEquals(404, post("/v1/7/recovery/initiate_request?after=0&request_id=1").statusCode());
        HttpResponse<String> accepted = post("/v1/1/recovery/initiate_request?after=0&request_id=42");
        assertEquals(202, accepted.statusCode());
        assertTrue(accepted.body().contains("ACCEPTED"), accepted.body());

        int recovered = 0;
        while (true) {
            Received message = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no snapshot_complete for request 42");
            if (message.message() instanceof FeedMessage.SnapshotComplete complete) {
                assertEquals(42L, complete.requestId());
                assertEquals(1, complete.product());
                break;
            }
            if (message.message() instanceof FeedMessage.OddsChange odds && Long.valueOf(42).equals(odds.requestId())) {
                assertEquals(1, odds.product());
                recovered++;
            }
        }
        assertTrue(recovered > 0, "the recovery republished the live producer's events before snapshot_complete");
    }

    @Test
    void canBeToldToDuplicateReorderReplayAndDropTheSubscription() throws Exception {
        simulator = OddsProviderSimulator.start(settings().withEvents(1).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofHours(1)));
        // The fixture, its odds and the first alive of each producer, then silence (no odds moves, alive hourly).
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.published() >= 4);
        drainUntilQuiet();
        String first = "-.-.-.alive.-.-.-.-\t<alive product=\"1\" timestamp=\"1\" subscribed=\"1\"/>";
        String second = "-.-.-.alive.-.-.-.-\t<alive product=\"3\" timestamp=\"2\" subscribed=\"1\"/>";

        simulator.reorder(true);
        assertEquals(2, simulator.replay(List.of("# a script", first, second)));
        assertEquals(List.of(2L, 1L), List.of(next(m -> true, 5).message().timestamp(),
                next(m -> true, 5).message().timestamp()));

        simulator.reorder(false);
        simulator.duplicates(true);
        simulator.replay(List.of(first));
        assertEquals(1L, next(m -> true, 5).message().timestamp());
        assertEquals(1L, next(m -> true, 5).message().timestamp());
        assertNull(next(m -> true, 1));
        simulator.duplicates(false);

        assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(simulator.httpUrl() + "/admin/replay"))
                .POST(HttpRequest.BodyPublishers.ofString("no tab here")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        simulator.close();
        simulator = OddsProviderSimulator.start(settings().withEvents(1).withOddsChangesPerSecond(0)
                .withAliveInterval(Duration.ofMillis(200)));
        assertNotNull(next(m -> m instanceof FeedMessage.Alive alive && alive.product() == 3 && alive.subscribed(), 5));
        assertEquals(200, post("/admin/unsubscribe?product=3").statusCode());
        FeedMessage.Alive lost = (FeedMessage.Alive) next(m -> m instanceof FeedMessage.Alive alive
                && alive.product() == 3, 5).message();
        assertEquals(false, lost.subscribed());
        FeedMessage.Alive back = (FeedMessage.Alive) next(m -> m instanceof FeedMessage.Alive alive
                && alive.product() == 3, 5).message();
        assertEquals(true, back.subscribed(), "only the next alive says unsubscribed");
    }

    /** Takes what arrives until nothing has for 300 ms: what was on the wire is gone. */
    private void drainUntilQuiet() {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.poll(300, TimeUnit.MILLISECONDS) == null);
        received.clear();
    }

    private OddsProviderSimulator.Settings settings() {
        return OddsProviderSimulator.Settings.defaults(TestInfrastructure.broker().url()).withExchange(exchange);
    }

    private Received next(Predicate<FeedMessage> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Received message = received.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && message.message() != null && wanted.test(message.message())) {
                return message;
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.httpUrl() + path))
                .header(OddsProviderSimulator.ACCESS_TOKEN_HEADER, "test-token")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.httpUrl() + path)).GET();
        if (token != null) {
            request.header(OddsProviderSimulator.ACCESS_TOKEN_HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
