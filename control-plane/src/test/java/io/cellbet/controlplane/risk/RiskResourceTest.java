package io.cellbet.controlplane.risk;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.contracts.bets.ExposureChanged;
import io.cellbet.contracts.bets.ExposureChanged.Row;
import io.cellbet.controlplane.CellEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The risk view against the real broker and database: two fake cells publish {@code ExposureChanged} on
 * {@code platform.cell-events}; the control plane keeps each cell's newest figure per row (an older version
 * arriving late, a repeat or a replayed message change nothing) and answers their sums per key and currency.
 *
 * <p>Messages of one queue are taken in the order they were published, so once the last one published (the
 * marker) shows, every earlier one has been applied: the assertions after it are exact, not eventual.
 */
@QuarkusTest
class RiskResourceTest {

    @Inject
    ObjectMapper json;

    private CellEvents events;
    private String cellA;
    private String cellB;
    private String event;
    private String otherEvent;

    @ConfigProperty(name = "cellbet.control-plane.risk.exposure-queue")
    String exposureQueue;

    @BeforeEach
    void setUp() throws Exception {
        events = CellEvents.open(json);
        events.purge(exposureQueue);
        String run = UUID.randomUUID().toString().substring(0, 8);
        cellA = "risk-a-" + run;
        cellB = "risk-b-" + run;
        // Event ids of this test alone, so rows of other runs never count in its sums.
        event = "sr:match:" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        otherEvent = "sr:match:" + ThreadLocalRandom.current().nextLong(9_000_000_000L, 9_999_999_999L);
    }

    @AfterEach
    void tearDown() throws Exception {
        events.close();
    }

    @Test
    void sumsTheNewestFigureOfEachCellPerMarketAndCurrency() throws Exception {
        String matchWinner = event + "/1/";
        String total = event + "/18/total=2.5";
        send(cellA, row("market", matchWinner, "EUR", 1_000, 400, 3, 10),
                row("market", total, "EUR", 500, 200, 1, 10),
                row("market", matchWinner, "GBP", 700, 300, 2, 10));
        send(cellB, row("market", matchWinner, "EUR", 2_500, 900, 5, 20),
                row("market", total, "EUR", 300, 100, 2, 5));
        ExposureChanged newer = message(cellA, row("market", matchWinner, "EUR", 1_200, 450, 4, 11));
        UUID newerId = events.publish(cellA, "sportsbook." + ExposureChanged.TYPE, ExposureChanged.TYPE, newer);
        // Cell B's older figure for its row arrives after the newer one.
        send(cellB, row("market", matchWinner, "EUR", 9_999, 9_999, 99, 19));
        // The same message again (an outbox replay), and the same row again in a new message (a re-send).
        events.publish(newerId, cellA, "sportsbook." + ExposureChanged.TYPE, ExposureChanged.TYPE, newer);
        send(cellA, row("market", matchWinner, "EUR", 1_200, 450, 4, 11));
        awaitMarker(cellB);

        JsonPath markets = markets(Map.of("event", event));
        assertEquals(3, markets.getList("$").size(), markets.prettify());
        assertTotal(markets, 0, matchWinner, "EUR", 3_700, 1_350, 9, 2);
        assertTotal(markets, 1, total, "EUR", 800, 300, 3, 2);
        assertTotal(markets, 2, matchWinner, "GBP", 700, 300, 2, 1);
        assertEquals(event, markets.getString("[0].eventId"));
        assertNull(markets.get("[0].cells"), "cells only on request");

        JsonPath euro = markets(Map.of("event", event, "currency", "EUR"));
        assertEquals(List.of(matchWinner, total), euro.getList("key"));
        JsonPath top = markets(Map.of("event", event, "limit", "1"));
        assertEquals(List.of(3_700), top.getList("liabilityMinor"));

        JsonPath byCell = markets(Map.of("event", event, "currency", "EUR", "cells", "true"));
        assertEquals(List.of(cellB, cellA), byCell.getList("[0].cells.cellId"));
        assertEquals(List.of(2_500, 1_200), byCell.getList("[0].cells.liabilityMinor"));
        assertEquals(List.of(900, 450), byCell.getList("[0].cells.turnoverMinor"));
        assertEquals(List.of(5, 4), byCell.getList("[0].cells.bets"));
        assertEquals(List.of(20, 11), byCell.getList("[0].cells.version"));
        assertEquals(List.of(cellA, cellB), byCell.getList("[1].cells.cellId"));
    }

    @Test
    void sumsOutcomesAndEventsAndKeepsOtherEventsApart() throws Exception {
        String home = event + "/1//1";
        String away = event + "/1//2";
        send(cellA, row("outcome", home, "EUR", 4_000, 1_000, 10, 3), row("outcome", away, "EUR", 1_500, 600, 4, 3),
                row("event", event, "EUR", 5_500, 1_600, 14, 3),
                row("outcome", otherEvent + "/1//1", "EUR", 100_000, 50_000, 1, 3),
                row("event", otherEvent, "EUR", 100_000, 50_000, 1, 3));
        send(cellB, row("outcome", away, "EUR", 6_000, 2_000, 7, 8), row("event", event, "EUR", 6_000, 2_000, 7, 8));
        // A newer figure in which bets were settled: liability falls, turnover stays.
        send(cellB, row("outcome", away, "EUR", 0, 2_000, 7, 9), row("event", event, "EUR", 0, 2_000, 7, 9));
        awaitMarker(cellA);

        JsonPath outcomes = given().queryParam("event", event).when().get("/api/risk/outcomes").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, outcomes.getList("$").size(), outcomes.prettify());
        assertTotal(outcomes, 0, home, "EUR", 4_000, 1_000, 10, 1);
        assertTotal(outcomes, 1, away, "EUR", 1_500, 2_600, 11, 2);

        JsonPath totals = given().queryParam("event", event).queryParam("cells", "true").when()
                .get("/api/risk/events").then().statusCode(200).extract().jsonPath();
        assertEquals(1, totals.getList("$").size(), totals.prettify());
        assertTotal(totals, 0, event, "EUR", 5_500, 3_600, 21, 2);
        assertEquals(List.of(cellA, cellB), totals.getList("[0].cells.cellId"));
        assertEquals(List.of(3, 9), totals.getList("[0].cells.version"));
    }

    @Test
    void skipsUnusableRowsAndKeepsTheRestOfTheMessage() throws Exception {
        String market = event + "/1/";
        send(cellA, row("league", market, "EUR", 1, 1, 1, 1), row("market", market, "eur", 2, 2, 2, 1),
                row("market", market, "EUR", 3_000, 1_000, 2, 1), row("market", "", "EUR", 4, 4, 4, 1),
                row("market", market, "USD", 5, 5, 5, -1));
        awaitMarker(cellA);
        JsonPath markets = markets(Map.of("event", event));
        assertEquals(1, markets.getList("$").size(), markets.prettify());
        assertTotal(markets, 0, market, "EUR", 3_000, 1_000, 2, 1);
    }

    @Test
    void answersAnEventWithoutExposureWithNoTotals() {
        given().queryParam("event", event).when().get("/api/risk/markets").then().statusCode(200).body("$", empty());
        given().queryParam("event", event).when().get("/api/risk/events").then().statusCode(200).body("$", empty());
    }

    @Test
    void answersInvalidParametersWithAProblemNamingEach() {
        for (String scope : List.of("outcomes", "markets", "events")) {
            given().queryParam("currency", "eur").queryParam("event", "match-1").queryParam("limit", "501")
                    .queryParam("cells", "yes").when().get("/api/risk/" + scope).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("invalid-parameter"))
                    .body("errors.field", containsInAnyOrder("currency", "event", "limit", "cells"));
        }
        for (String limit : List.of("0", "-1", "abc", "1.5", "99999999999")) {
            given().queryParam("limit", limit).when().get("/api/risk/markets").then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("limit"));
        }
        given().queryParam("currency", "EURO").when().get("/api/risk/outcomes").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("currency"));
        given().queryParam("event", event + "/1/").when().get("/api/risk/markets").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("event"));
        given().queryParam("limit", "500").queryParam("cells", "false").when().get("/api/risk/events").then()
                .statusCode(200);
    }

    private void send(String cellId, Row... rows) throws Exception {
        events.publish(cellId, "sportsbook." + ExposureChanged.TYPE, ExposureChanged.TYPE, message(cellId, rows));
    }

    private static ExposureChanged message(String cellId, Row... rows) {
        return new ExposureChanged(cellId, List.of(rows), Instant.now());
    }

    private static Row row(String scope, String key, String currency, long liability, long turnover, long bets,
            long version) {
        return new Row(scope, key, currency, liability, turnover, bets, version);
    }

    /**
     * Publishes a row of its own from {@code cellId}, last, and waits until the risk view shows it: every
     * message published before it has then been applied.
     */
    private void awaitMarker(String cellId) throws Exception {
        String marker = "sr:match:" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        send(cellId, row("event", marker, "EUR", 1, 1, 1, 1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("event", marker).when()
                .get("/api/risk/events").then().statusCode(200).body("$", hasSize(1)));
    }

    private static JsonPath markets(Map<String, String> parameters) {
        return given().queryParams(parameters).when().get("/api/risk/markets").then().statusCode(200)
                .extract().jsonPath();
    }

    private static void assertTotal(JsonPath totals, int index, String key, String currency, long liability,
            long turnover, long bets, int cells) {
        String at = "[" + index + "].";
        String shown = totals.prettify();
        assertEquals(key, totals.getString(at + "key"), shown);
        assertEquals(currency, totals.getString(at + "currency"), shown);
        assertEquals(liability, totals.getLong(at + "liabilityMinor"), shown);
        assertEquals(turnover, totals.getLong(at + "turnoverMinor"), shown);
        assertEquals(bets, totals.getLong(at + "bets"), shown);
        assertEquals(cells, totals.getInt(at + "cellCount"), shown);
    }
}
