package io.cellbet.cell.sportsbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.accounts.PlayerFixtures;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * 10,000 placements on one outcome at once, each sent twice, under a liability cap that takes 3,000 of them: the cap
 * is never passed, every key places at most one bet, and the money and exposure agree with the bets placed.
 */
@QuarkusTest
class BetConcurrencyTest {

    static final String BRAND = "BETS_CAP";
    static final int PLAYERS = 40;
    static final int PLACEMENTS = 10_000;
    /** Each bet: 1.00 at 2.00 risks 1.00; the cap takes 3,000 of them. */
    static final long STAKE = 1_00;
    static final long CAP = 3_000_00;
    static final long DEPOSIT = 1_000_00;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @TestHTTPResource("/")
    URI base;

    @Test
    void concurrentPlacementsNeverPassTheLiabilityCapAndARepeatedKeyPlacesOneBet() throws Exception {
        TestBrands brands = new TestBrands(json, cellId);
        brands.applyOnce(TestBrands.internal(BRAND));
        brands.applyValue(System.getProperty("cellbet.infra.broker.url"), ConfigKinds.BET_LIMITS, BRAND,
                new BetLimits(new BetLimits.Limits(null, null, null, null, CAP, 2 * CAP, 4 * CAP, null), null));
        String event;
        try (PlatformFeed feed = PlatformFeed.open()) {
            event = PlatformFeed.newEvent();
            feed.publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(event, 1, 3, 1L, "fetched",
                    Instant.parse("2031-05-17T18:30:00Z").toEpochMilli(), null, null));
            feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, 1, 3, 2L, null,
                    new FeedEvent.EventStatus("not_started", 0, null, null, null),
                    List.of(BetsTest.market(1, "", "1", "2.00", "2", "2.00"))));
        }
        List<PlayerFixtures.LoggedIn> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            PlayerFixtures.LoggedIn player = PlayerFixtures.registerAndLogIn(BRAND, PlayerFixtures.application());
            PlayerFixtures.move(BRAND, player.id(), "deposit", DEPOSIT);
            players.add(player);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(
                io.restassured.RestAssured.given().get("/api/sportsbook/events/" + event).jsonPath()
                        .getString("markets[0].status")));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(64);
        Map<String, Set<String>> betsByKey = new ConcurrentHashMap<>();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < PLACEMENTS; i++) {
            PlayerFixtures.LoggedIn player = players.get(i % PLAYERS);
            Map<String, Object> slip = BetsTest.slip("single", null, STAKE, BetsTest.selection(event, 1, "", "1",
                    "2.00"));
            String key = (String) slip.get("idempotencyKey");
            byte[] body = json.writeValueAsBytes(slip);
            // The same placement twice at once: a client retrying before the first answer came.
            for (int copy = 0; copy < 2; copy++) {
                inFlight.acquire();
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/brands/" + BRAND + "/players/me/bets"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer "
                                + player.accessToken()).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    inFlight.release();
                    if (failure != null) {
                        answers.merge("failed: " + failure, 1, Integer::sum);
                        return null;
                    }
                    try {
                        JsonNode answer = json.readTree(response.body());
                        if (response.statusCode() == 201 || response.statusCode() == 200) {
                            betsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                                    .add(answer.get("id").asText());
                            answers.merge("placed", 1, Integer::sum);
                        } else {
                            answers.merge(response.statusCode() + " " + answer.path("code").asText(), 1,
                                    Integer::sum);
                        }
                    } catch (Exception e) {
                        answers.merge("unreadable " + response.statusCode(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

        Set<String> failures = new HashSet<>(answers.keySet());
        failures.removeIf(answer -> answer.equals("placed") || answer.equals("422 LIABILITY_CAP"));
        assertEquals(Set.of(), failures, "answers: " + answers);
        // One bet per key, however many times it was sent.
        betsByKey.forEach((key, bets) -> assertEquals(1, bets.size(), "key " + key + " placed " + bets));
        String outcome = event + "/1//1";
        long open = sql.one("SELECT count(*) FROM sportsbook.bets b JOIN sportsbook.bet_legs l ON l.bet_id = b.id "
                + "WHERE l.event_id = ? AND b.status = 'open'", row -> row.getLong(1), event).orElseThrow();
        long rejected = sql.one("SELECT count(*) FROM sportsbook.bets b JOIN sportsbook.bet_legs l ON l.bet_id = b.id "
                + "WHERE l.event_id = ? AND b.status <> 'open'", row -> row.getLong(1), event).orElseThrow();
        // The cap takes exactly 3,000 bets of 1.00 risk: never more, and no fewer while placements kept coming.
        assertEquals(CAP / STAKE, open);
        assertEquals(open, betsByKey.size());
        assertEquals(0, rejected, "a refused placement leaves no bet");
        long liability = sql.one("SELECT liability_minor FROM sportsbook.exposure WHERE scope = 'outcome' AND key = ? "
                + "AND currency = 'EUR'", row -> row.getLong(1), outcome).orElseThrow();
        assertEquals(CAP, liability);
        assertTrue(liability <= CAP);

        // Every player paid exactly the stakes of their bets.
        Map<String, Long> betsPerPlayer = new HashMap<>();
        sql.list("SELECT player_id, count(*) FROM sportsbook.bets b JOIN sportsbook.bet_legs l ON l.bet_id = b.id "
                + "WHERE l.event_id = ? GROUP BY player_id", row -> betsPerPlayer.put(row.getString(1),
                        row.getLong(2)), event);
        for (PlayerFixtures.LoggedIn player : players) {
            long bets = betsPerPlayer.getOrDefault(player.id(), 0L);
            assertEquals(DEPOSIT - bets * STAKE, BetsTest.cash(BRAND, player), "player " + player.id());
        }
    }
}
