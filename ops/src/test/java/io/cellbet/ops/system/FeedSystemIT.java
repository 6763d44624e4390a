package io.cellbet.ops.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import io.cellbet.simulators.oddsprovider.OddsProviderSimulator;
import io.cellbet.testsupport.broker.ExchangeTap;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.cellbet.testsupport.live.LiveClient;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The odds feed end to end, every part real and in its own process: the provider simulator publishes UOF XML on its
 * exchange, the control plane's adapter normalises it to {@code platform.feed}, two cells apply it to their catalogs
 * and push it to players' websockets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedSystemIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * How long both cells may take to apply a replayed script: thousands of messages go through the adapter one
     * transaction each, and on a slow, shared 2-core machine that took more than {@link #WAIT}.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    /** The control plane's inactivity window for producers in this test. */
    private static final Duration INACTIVITY_WINDOW = Duration.ofSeconds(2);

    private static String exchange;
    private static LocalPlatform platform;
    private static OddsProviderSimulator provider;
    private static final Random RANDOM = new Random();

    @BeforeAll
    static void start() throws IOException {
        exchange = "unifiedfeed-it-" + Integer.toHexString(RANDOM.nextInt());
        int providerPort = SimulatorScript.freePort();
        platform = LocalPlatform.builder()
                .infrastructure(TestInfrastructure.postgres(), TestInfrastructure.broker())
                .ephemeralPorts()
                .databasePrefix("cellbet_feed_it")
                .freshDatabases(true)
                .workDir(Path.of("target", "feed-it"))
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ENABLED", "true")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_EXCHANGE", exchange)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_QUEUE", "control-plane." + exchange)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_API_URL",
                        "http://127.0.0.1:" + providerPort)
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_ACCESS_TOKEN", "feed-it")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_INACTIVITY_WINDOW",
                        INACTIVITY_WINDOW.toMillis() + "ms")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_RECOVERY_TIMEOUT", "10s")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_CHECK_INTERVAL", "200ms")
                .environment(LocalPlatform.CONTROL_PLANE, "CELLBET_FEED_PROVIDER_RETRY_DELAY", "500ms")
                .start();
        // After the control plane, so its queue is bound before the first message; no odds of its own: the tests
        // script what they need, the provider only says it is alive.
        provider = OddsProviderSimulator.start(OddsProviderSimulator.Settings.defaults(
                TestInfrastructure.broker().url()).withExchange(exchange).withHttpPort(providerPort).withEvents(4)
                .withOddsChangesPerSecond(0).withAliveInterval(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void oddsBetStopsAndSettlementsReachBothCellsAndTheirPlayers() throws Exception {
        String event = newEvent();
        long at = System.currentTimeMillis();
        script(fixture(event, at), odds(event, at + 1, 1, "1.80"));
        for (AppProcess cell : platform.cells()) {
            await().atMost(WAIT).until(() -> given().get(cell.uri("/api/sportsbook/events/" + event)).statusCode() == 200);
        }
        List<LiveClient> players = new ArrayList<>();
        try {
            for (AppProcess cell : platform.cells()) {
                LiveClient player = LiveClient.connect(cell.uri("/").toString());
                player.subscribe(event);
                players.add(player);
            }
            for (LiveClient player : players) {
                await().atMost(WAIT).until(() -> !player.frames("snapshot").isEmpty());
            }

            script(odds(event, at + 2, 1, "2.05"));
            for (LiveClient player : players) {
                await().atMost(WAIT).until(() -> player.find(frame -> isDelta(frame, "active")
                        && new BigDecimal("2.05").compareTo(frame.path("markets").get(0).path("outcomes").get(0)
                                .path("odds").decimalValue()) == 0) != null);
            }

            script(SimulatorScript.line(new FeedMessage.BetStop(OddsProviderSimulator.LIVE_PRODUCT, event, at + 3, null, "all",
                    FeedMessage.BetStop.DEFAULT_MARKET_STATUS)));
            for (int i = 0; i < players.size(); i++) {
                LiveClient player = players.get(i);
                await().atMost(WAIT).until(() -> player.find(frame -> isDelta(frame, "suspended")) != null);
                given().get(platform.cells().get(i).uri("/api/sportsbook/events/" + event)).then().statusCode(200)
                        .body("markets[0].status", equalTo("suspended"));
            }

            script(SimulatorScript.line(new FeedMessage.BetSettlement(OddsProviderSimulator.LIVE_PRODUCT, event, at + 4, null, 1,
                    List.of(new FeedMessage.SettledMarket(1, "", null, List.of(
                            new FeedMessage.SettledOutcome("1", 1, null, null),
                            new FeedMessage.SettledOutcome("2", 0, null, null),
                            new FeedMessage.SettledOutcome("3", 0, null, null)))))));
            for (LiveClient player : players) {
                await().atMost(WAIT).until(() -> player.find(frame -> isDelta(frame, "settled")
                        && "won".equals(frame.path("markets").get(0).path("outcomes").get(0).path("result").asText()))
                        != null);
            }
        } finally {
            players.forEach(LiveClient::close);
        }
    }

    @Test
    @Order(2)
    void namesFromTheProvidersSportsApiReachBothCells() {
        // The provider's own events: the control plane reads their fixtures and every cell names them.
        for (AppProcess cell : platform.cells()) {
            await().atMost(WAIT).untilAsserted(() -> given().get(cell.uri("/api/sportsbook/events/sr:match:1"))
                    .then().statusCode(200).body("home.name", notNullValue()).body("away.name", notNullValue())
                    .body("tournament.name", notNullValue()).body("sportName", notNullValue()));
            given().get(cell.uri("/api/sportsbook/sports")).then().statusCode(200)
                    .body("find { it.id == 1 }.categories.size()", greaterThan(0));
        }
    }

    @Test
    @Order(3)
    void duplicatesAndReorderingLeaveTheCatalogAsAnInOrderRun() throws Exception {
        String events = "sr:match:" + (100 + RANDOM.nextInt(800));
        List<String> script = record(Duration.ofSeconds(4), events);
        assertTrue(script.size() > 500, "a few seconds of a busy provider: " + script.size() + " messages");
        for (String type : List.of(".bet_stop.", ".bet_settlement.", ".bet_cancel.")) {
            assertTrue(script.stream().anyMatch(line -> line.contains(type)), "the script holds a" + type);
        }

        provider.replay(script);
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String one = catalog("cell-1", events);
            assertFalse(one.isEmpty());
            assertEquals("", difference(one, catalog("cell-2", events)), "cell 1 (-) and cell 2 (+) in order");
            assertEquals("", difference(one, catalogAfter("cell-1", events, 700)), "cell 1 still changing");
        });
        String inOrder = catalog("cell-1", events);

        // Cell 2 forgets its catalog and hears the same messages again, each twice and in swapped pairs.
        try (Connection db = database("cell-2"); Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE sportsbook.outcomes, sportsbook.markets, sportsbook.events");
        }
        provider.duplicates(true);
        provider.reorder(true);
        try {
            provider.replay(script);
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals("",
                    difference(inOrder, catalog("cell-2", events)), "rows of the in-order catalog (-), the other (+)"));
        } finally {
            provider.duplicates(false);
            provider.reorder(false);
        }
        assertEquals(inOrder, catalog("cell-1", events), "the same messages again change nothing in order");
    }

    @Test
    @Order(4)
    void aSilentProducerSuspendsItsMarketsInBothCellsUntilItsSnapshotIsComplete() throws Exception {
        String event = newEvent();
        long at = System.currentTimeMillis();
        script(fixture(event, at), odds(event, at + 1, 1, "1.66"));
        List<LiveClient> players = new ArrayList<>();
        List<Long> snapshotsComplete = new CopyOnWriteArrayList<>();
        try (ExchangeTap tap = ExchangeTap.open(TestInfrastructure.broker().url(), exchange, List.of("-.-.-.snapshot_complete.#"),
                delivery -> snapshotsComplete.add(System.currentTimeMillis()))) {
            for (AppProcess cell : platform.cells()) {
                await().atMost(WAIT).until(() -> given().get(cell.uri("/api/sportsbook/events/" + event))
                        .statusCode() == 200);
                LiveClient player = LiveClient.connect(cell.uri("/").toString());
                player.subscribe(event);
                players.add(player);
                await().atMost(WAIT).until(() -> !player.frames("snapshot").isEmpty());
            }

            long pausedAt = System.currentTimeMillis();
            provider.pause();
            AtomicLong lastSuspended = new AtomicLong();
            for (LiveClient player : players) {
                await().atMost(WAIT).until(() -> player.find(frame -> isDelta(frame, "suspended")) != null);
                lastSuspended.accumulateAndGet(player.find(frame -> isDelta(frame, "suspended"))
                        .path(LiveClient.RECEIVED_AT).asLong(), Math::max);
            }
            long suspendedAfterMs = lastSuspended.get() - pausedAt;
            assertTrue(suspendedAfterMs <= INACTIVITY_WINDOW.toMillis() + 1_000, "every market suspended in both "
                    + "cells " + suspendedAfterMs + " ms after the provider went silent");
            for (AppProcess cell : platform.cells()) {
                given().get(cell.uri("/api/sportsbook/events/" + event)).then().statusCode(200)
                        .body("markets[0].status", equalTo("suspended"));
            }

            provider.resume();
            for (LiveClient player : players) {
                await().atMost(WAIT).until(() -> activeAfter(player, lastSuspended.get()) != null);
            }
            assertFalse(snapshotsComplete.isEmpty(), "the provider completed a recovery");
            for (LiveClient player : players) {
                long reopenedAt = activeAfter(player, lastSuspended.get()).path(LiveClient.RECEIVED_AT).asLong();
                assertTrue(reopenedAt >= snapshotsComplete.get(0), "markets reopened only after snapshot_complete");
            }
        } finally {
            players.forEach(LiveClient::close);
        }
    }

    private static JsonNode activeAfter(LiveClient player, long after) {
        return player.find(frame -> isDelta(frame, "active") && frame.path(LiveClient.RECEIVED_AT).asLong() > after);
    }

    private static boolean isDelta(JsonNode frame, String marketStatus) {
        return "delta".equals(frame.path("type").asText()) && frame.path("markets").size() > 0
                && marketStatus.equals(frame.path("markets").get(0).path("status").asText());
    }

    /** A few seconds of a busy provider of its own, recorded as a replay script (events renumbered apart). */
    private static List<String> record(Duration length, String prefix) throws Exception {
        String recording = "unifiedfeed-recording-" + Integer.toHexString(RANDOM.nextInt());
        List<String> script = new CopyOnWriteArrayList<>();
        try (ExchangeTap tap = ExchangeTap.open(TestInfrastructure.broker().url(), recording, List.of("#"),
                delivery -> {
                    String key = delivery.routingKey();
                    if (!key.contains(".alive.") && !key.contains(".snapshot_complete.")) {
                        String xml = new String(delivery.body(), StandardCharsets.UTF_8).replace("\n", " ")
                                .replace("sr:match:", prefix);
                        script.add(key + "\t" + xml);
                    }
                });
                OddsProviderSimulator busy = OddsProviderSimulator.start(OddsProviderSimulator.Settings.defaults(
                        TestInfrastructure.broker().url()).withExchange(recording).withEvents(8)
                        .withOddsChangesPerSecond(600).withAliveInterval(Duration.ofHours(1)))) {
            long end = System.currentTimeMillis() + length.toMillis();
            await().atMost(length.plusSeconds(10)).until(() -> System.currentTimeMillis() >= end);
        }
        return new ArrayList<>(script);
    }

    /**
     * The feed-derived content of the events whose ids start with {@code events}, one line per row, in key order
     * (names and counters left out).
     */
    private static String catalog(String cell, String events) throws Exception {
        StringBuilder dump = new StringBuilder();
        String only = " WHERE event_id LIKE '" + events + "%' ";
        try (Connection db = database(cell); Statement statement = db.createStatement()) {
            dump(statement, "SELECT event_id, sport_id, status, home_score, away_score, match_time, status_at, "
                    + "bet_stop_at, bet_stop_status FROM sportsbook.events" + only + "ORDER BY event_id", dump);
            dump(statement, "SELECT event_id, type_id, specifiers, producer, status, cashout, odds_at, settled, "
                    + "settled_at, cancelled, cancelled_at FROM sportsbook.markets" + only + "ORDER BY 1, 2, 3", dump);
            dump(statement, "SELECT event_id, type_id, specifiers, outcome_id, odds, active, result, void_factor, "
                    + "dead_heat_factor, settled_at FROM sportsbook.outcomes" + only + "ORDER BY 1, 2, 3, 4", dump);
        }
        return dump.toString();
    }

    /** Rows only one of two catalogs holds: {@code -} the first, {@code +} the second (at most 20). */
    private static String difference(String first, String second) {
        List<String> one = List.of(first.split("\n"));
        List<String> other = List.of(second.split("\n"));
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String row : one) {
            if (!other.contains(row) && shown++ < 20) {
                out.append("- ").append(row).append('\n');
            }
        }
        for (String row : other) {
            if (!one.contains(row) && shown++ < 20) {
                out.append("+ ").append(row).append('\n');
            }
        }
        return out.toString();
    }

    /** The catalog again after a pause: equal to the first read when nothing is still arriving. */
    private static String catalogAfter(String cell, String events, long pauseMs) throws Exception {
        long until = System.currentTimeMillis() + pauseMs;
        await().atMost(Duration.ofMillis(pauseMs + 5_000)).until(() -> System.currentTimeMillis() >= until);
        return catalog(cell, events);
    }

    /**
     * Bets end to end: the provider's messages (as XML over AMQP, through the control plane's adapter) price, settle,
     * roll back and cancel; a player of cell-1 bets over REST; every balance is worked out here by hand.
     */
    @Test
    @Order(5)
    void betsOnTheProvidersEventsAreSettledRolledBackAndCancelledByItsFeed() throws Exception {
        String ops = "Bearer " + OpsLogin.token(platform);
        AppProcess cell = platform.cell("cell-1");
        given().header("Authorization", ops).contentType(ContentType.JSON).body("""
                {"code":"FEEDBETS","name":"Feed Bets","domains":["feedbets.example"],"currencies":["EUR"],
                 "defaultLocale":"en","products":["sportsbook"],"walletMode":"internal",
                 "theme":{"primaryColour":"#0a7d32","secondaryColour":"#ffffff"}}""")
                .post(platform.controlPlane().uri("/api/brands")).then().statusCode(201);
        await().atMost(WAIT).until(() -> given().get(cell.uri("/api/config/brands/FEEDBETS")).statusCode() == 200);
        String token = player(cell, ops, 100_00);

        long at = System.currentTimeMillis();
        long start = at + Duration.ofDays(1).toMillis();
        String e1 = newEvent();
        String e2 = newEvent();
        String e3 = newEvent();
        String e4 = newEvent();
        for (String event : List.of(e1, e2, e3, e4)) {
            script(SimulatorScript.line(new FeedMessage.FixtureChange(OddsProviderSimulator.PREMATCH_PRODUCT, event, at, null, 1,
                    start, null)), prematchOdds(event, at + 1, "2.00", "1.50", "4.10"));
        }
        for (String event : List.of(e1, e2, e3, e4)) {
            await().atMost(WAIT).until(() -> "active".equals(given().get(cell.uri("/api/sportsbook/events/" + event))
                    .jsonPath().getString("markets[0].status")));
        }

        String single = bet(cell, token, "single", null, 10_00, leg(e1, "1", "2.00"));
        String acca = bet(cell, token, "accumulator", null, 5_00, leg(e1, "1", "2.00"), leg(e2, "1", "2.00"));
        String trixie = bet(cell, token, "system", "trixie", 1_00, leg(e1, "1", "2.00"), leg(e2, "1", "2.00"),
                leg(e3, "2", "1.50"));
        // 10.00 + 5.00 + 4 lines x 1.00
        assertEquals(100_00 - 19_00, cash(cell, token));

        script(settlement(e1, at + 2, outcome("1", 1, null, null), outcome("2", 0, null, null),
                outcome("3", 0, null, null)));
        script(settlement(e2, at + 2, outcome("1", 1, null, "0.5"), outcome("2", 0, null, null),
                outcome("3", 0, null, null)));
        script(settlement(e3, at + 2, outcome("1", 0, null, null), outcome("2", 0, "0.5", null),
                outcome("3", 1, null, null)));
        // e1 won at 2.00; e2 won in a dead heat: 2.00 x 0.5 = 1.00 a unit; e3 half void and lost: 0.50 a unit.
        // single 10.00 x 2.00 = 20.00; acca 5.00 x 2.00 x 1.00 = 10.00;
        // trixie AB 2.00 + AC 1.00 + BC 0.50 + ABC 1.00 = 4.50
        awaitBet(cell, token, trixie, "settled");
        awaitBet(cell, token, acca, "settled");
        awaitBet(cell, token, single, "settled");
        assertEquals(81_00 + 20_00 + 10_00 + 4_50, cash(cell, token));

        // The provider takes e1's result back: every bet with an e1 leg is open again and its winnings gone.
        script(SimulatorScript.line(new FeedMessage.RollbackBetSettlement(OddsProviderSimulator.PREMATCH_PRODUCT, e1, at + 3, null,
                List.of(new FeedMessage.MarketRef(1, "")))));
        awaitBet(cell, token, single, "open");
        awaitBet(cell, token, acca, "open");
        awaitBet(cell, token, trixie, "open");
        assertEquals(81_00, cash(cell, token));
        // ... and settles it again as lost: single and acca lose; the trixie keeps BC: 0.50.
        script(settlement(e1, at + 4, outcome("1", 0, null, null), outcome("2", 1, null, null),
                outcome("3", 0, null, null)));
        awaitBet(cell, token, single, "settled");
        awaitBet(cell, token, acca, "settled");
        awaitBet(cell, token, trixie, "settled");
        assertEquals(81_00 + 50, cash(cell, token));

        // A cancel whose window holds the first of two bets on e4 voids that one only.
        String early = bet(cell, token, "single", null, 2_00, leg(e4, "1", "2.00"));
        long earlyAt = java.time.Instant.parse(given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/bets/" + early)).jsonPath().getString("placedAt"))
                .toEpochMilli();
        String late = bet(cell, token, "single", null, 3_00, leg(e4, "1", "2.00"));
        long lateAt = java.time.Instant.parse(given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/bets/" + late)).jsonPath().getString("placedAt"))
                .toEpochMilli();
        assertTrue(lateAt > earlyAt + 1, "the second bet is placed after the window");
        script(SimulatorScript.line(new FeedMessage.BetCancel(OddsProviderSimulator.PREMATCH_PRODUCT, e4, at + 5, null, earlyAt - 1,
                earlyAt + 1, null, List.of(new FeedMessage.CancelledMarket(1, "", 1)))));
        awaitBet(cell, token, early, "voided");
        assertEquals("open", given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/bets/" + late)).jsonPath().getString("status"));
        // 81.50 - 2.00 - 3.00 + 2.00 back
        assertEquals(81_50 - 3_00, cash(cell, token));

        // The control plane's risk view sums the cell's exposure: on e4's market, the late bet's 3.00 x (2.00 - 1).
        // Until the cell's exposure event reaches it, the control plane has no row for that market yet.
        await().atMost(WAIT).until(() -> "300".equals(given()
                .get(platform.controlPlane().uri("/api/risk/markets?event=" + e4))
                .jsonPath().getString("find { it.key == '" + e4 + "/1/' }.liabilityMinor")));
        // Ops tighten the brand's market cap to 4.00: a bet risking 2.00 more on that market is refused.
        given().header("Authorization", ops).contentType(ContentType.JSON)
                .body("{\"defaults\":{\"marketLiabilityCapMinor\":400}}")
                .put(platform.controlPlane().uri("/api/brands/FEEDBETS/bet-limits")).then().statusCode(200);
        long version = given().get(platform.controlPlane().uri("/api/config/version")).jsonPath().getLong("version");
        await().atMost(WAIT).until(() -> given().get(cell.uri("/api/config/version")).jsonPath()
                .getLong("version") >= version);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("""
                {"idempotencyKey":"%s","type":"single","stakeMinor":200,"selections":[%s]}"""
                .formatted(java.util.UUID.randomUUID(), leg(e4, "1", "2.00")))
                .post(cell.uri("/api/brands/FEEDBETS/players/me/bets")).then().statusCode(422)
                .body("code", equalTo("LIABILITY_CAP"));
        assertEquals(81_50 - 3_00, cash(cell, token));
    }

    private static String player(AppProcess cell, String ops, long deposit) {
        String email = "bets-" + Integer.toHexString(RANDOM.nextInt()) + "@example.com";
        String id = given().contentType(ContentType.JSON).body("""
                {"email":"%s","password":"Correct-Horse-42","dateOfBirth":"1990-04-23","country":"GB",
                 "currency":"EUR"}""".formatted(email)).post(cell.uri("/api/brands/FEEDBETS/players")).then()
                .statusCode(201).extract().jsonPath().getString("id");
        String token = given().contentType(ContentType.JSON).body("""
                {"login":"%s","password":"Correct-Horse-42"}""".formatted(email))
                .post(cell.uri("/api/brands/FEEDBETS/login")).then().statusCode(200).extract().jsonPath()
                .getString("accessToken");
        long cash = given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/wallet")).jsonPath()
                .getLong("find { it.kind == 'cash' }.id");
        long clearing = given().header("Authorization", ops).contentType(ContentType.JSON)
                .body("{\"brand\":\"FEEDBETS\",\"kind\":\"payments_clearing\",\"currency\":\"EUR\"}")
                .post(cell.uri("/api/wallet/accounts")).jsonPath().getLong("id");
        given().header("Authorization", ops).contentType(ContentType.JSON).body("""
                {"idempotencyKey":"deposit-%s","transfers":[{"debitAccountId":%d,"creditAccountId":%d,
                 "amountMinor":%d,"currency":"EUR","type":"deposit"}]}""".formatted(id, clearing, cash, deposit))
                .post(cell.uri("/api/wallet/transfers")).then().statusCode(201);
        return token;
    }

    private static String leg(String event, String outcome, String odds) {
        return """
                {"eventId":"%s","marketTypeId":1,"outcomeId":"%s","odds":%s}""".formatted(event, outcome, odds);
    }

    private static String bet(AppProcess cell, String token, String type, String system, long stake,
            String... legs) {
        String body = """
                {"idempotencyKey":"%s","type":"%s",%s"stakeMinor":%d,"oddsPolicy":"none","selections":[%s]}"""
                .formatted(java.util.UUID.randomUUID(), type, system == null ? "" : "\"system\":\"" + system + "\",",
                        stake, String.join(",", legs));
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post(cell.uri("/api/brands/FEEDBETS/players/me/bets")).then().statusCode(201).extract().jsonPath()
                .getString("id");
    }

    private static void awaitBet(AppProcess cell, String token, String bet, String status) {
        await().atMost(WAIT).until(() -> status.equals(given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/bets/" + bet)).jsonPath().getString("status")));
    }

    private static long cash(AppProcess cell, String token) {
        return given().header("Authorization", "Bearer " + token)
                .get(cell.uri("/api/brands/FEEDBETS/players/me/wallet")).jsonPath()
                .getLong("find { it.kind == 'cash' }.availableMinor");
    }

    private static FeedMessage.SettledOutcome outcome(String id, int result, String voidFactor, String deadHeat) {
        return new FeedMessage.SettledOutcome(id, result, voidFactor == null ? null : new BigDecimal(voidFactor),
                deadHeat == null ? null : new BigDecimal(deadHeat));
    }

    private static String settlement(String event, long at, FeedMessage.SettledOutcome... outcomes) {
        return SimulatorScript.line(new FeedMessage.BetSettlement(OddsProviderSimulator.PREMATCH_PRODUCT, event, at, null, 1,
                List.of(new FeedMessage.SettledMarket(1, "", null, List.of(outcomes)))));
    }

    /** A prematch 1x2 with three priced outcomes. */
    private static String prematchOdds(String event, long at, String home, String draw, String away) {
        return SimulatorScript.line(new FeedMessage.OddsChange(OddsProviderSimulator.PREMATCH_PRODUCT, event, at, null,
                new FeedMessage.SportEventStatus(0, 0, null, null, null, List.of()), null, null,
                List.of(new FeedMessage.OddsMarket(1, "", null, 1, 1, null, List.of(
                        new FeedMessage.OddsOutcome("1", new BigDecimal(home), null, true),
                        new FeedMessage.OddsOutcome("2", new BigDecimal(draw), null, true),
                        new FeedMessage.OddsOutcome("3", new BigDecimal(away), null, true))))));
    }

    private static void dump(Statement statement, String query, StringBuilder dump) throws Exception {
        try (ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    dump.append(rows.getString(i)).append(i == columns ? '\n' : '|');
                }
            }
        }
    }

    private static Connection database(String cell) throws Exception {
        return DriverManager.getConnection(platform.postgres().jdbcUrl(platform.database(cell)),
                platform.postgres().username(), platform.postgres().password());
    }

    private static String newEvent() {
        return "sr:match:" + (50_000_000 + RANDOM.nextInt(40_000_000));
    }

    private static String fixture(String event, long at) {
        return SimulatorScript.line(new FeedMessage.FixtureChange(OddsProviderSimulator.LIVE_PRODUCT, event, at, null, 1, at, null));
    }

    /** A live 1x2 with three priced outcomes. */
    private static String odds(String event, long at, int typeId, String home) {
        return SimulatorScript.line(new FeedMessage.OddsChange(OddsProviderSimulator.LIVE_PRODUCT, event, at, null,
                new FeedMessage.SportEventStatus(1, 6, BigDecimal.ZERO, BigDecimal.ZERO, null, List.of()), null, null,
                List.of(new FeedMessage.OddsMarket(typeId, "", null, 1, 1, null, List.of(
                        new FeedMessage.OddsOutcome("1", new BigDecimal(home), null, true),
                        new FeedMessage.OddsOutcome("2", new BigDecimal("3.40"), null, true),
                        new FeedMessage.OddsOutcome("3", new BigDecimal("4.10"), null, true))))));
    }


    private static void script(String... lines) {
        provider.replay(List.of(lines));
    }
}
