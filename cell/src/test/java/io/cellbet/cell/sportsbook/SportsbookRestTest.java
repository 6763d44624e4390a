package io.cellbet.cell.sportsbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.contracts.feed.FeedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sportsbook as players browse it over REST, from a catalog fed over the real broker; bad input is a 4xx. */
@QuarkusTest
class SportsbookRestTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private PlatformFeed feed;
    private String event;
    private int sport;
    private long start;

    @BeforeEach
    void connect() throws Exception {
        feed = PlatformFeed.open();
        event = PlatformFeed.newEvent();
        // A sport of its own per run, so counts are this test's alone.
        sport = 50_000 + (int) (Math.abs(event.hashCode()) % 40_000);
        start = Instant.parse("2031-05-17T18:30:00Z").toEpochMilli();
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
    }

    @Test
    void servesTheSportsTreeEventListsAndAnEventWithRenderedNames() throws Exception {
        feed.publish(FeedEvent.FIXTURE_CHANGED, new FeedEvent.FixtureChanged(event, sport, 3, 1L, "fetched", start,
                null, new FeedEvent.Fixture("Soccer", new FeedEvent.Ref("sr:category:1", "England"),
                        new FeedEvent.Ref("sr:tournament:17", "Premier League"), List.of(
                                new FeedEvent.Competitor("sr:competitor:44", "Liverpool FC", "home"),
                                new FeedEvent.Competitor("sr:competitor:42", "Arsenal FC", "away")))));
        FeedEvent.OddsChanged odds = PlatformFeed.odds(event, 5000L, 1, "", "active", "1.80");
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(event, sport, 3, 5000L, null,
                new FeedEvent.EventStatus("not_started", 0, null, null, null), odds.markets()));
        String live = PlatformFeed.newEvent();
        FeedEvent.OddsChanged liveOdds = PlatformFeed.odds(live, 5000L, 18, "total=2.5", "active", "1.90");
        feed.publish(FeedEvent.ODDS_CHANGED, new FeedEvent.OddsChanged(live, sport, 1, 5000L, null,
                liveOdds.status(), liveOdds.markets()));

        await().atMost(WAIT).until(() -> given().queryParam("sport", sport).get("/api/sportsbook/events").jsonPath()
                .getInt("total") == 2);
        JsonPath one = given().get("/api/sportsbook/events/" + event).then().statusCode(200).extract().jsonPath();
        assertEquals("Liverpool FC", one.getString("home.name"));
        assertEquals("Premier League", one.getString("tournament.name"));
        assertEquals("1x2", one.getString("markets[0].name"));
        assertEquals(List.of("Liverpool FC", "draw"), one.getList("markets[0].outcomes.name"));

        List<Map<String, Object>> tree = given().get("/api/sportsbook/sports").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.id == " + sport + " }");
        assertEquals(1, tree.size());
        assertEquals(2, tree.get(0).get("events"));
        assertEquals(1, tree.get(0).get("liveEvents"));
        given().get("/api/sportsbook/sports").then().body("find { it.id == " + sport + " }.categories.name",
                hasItem("England"));

        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        given().queryParam("sport", sport).queryParam("date", day.toString()).get("/api/sportsbook/events").then()
                .statusCode(200).body("total", equalTo(1)).body("events[0].id", equalTo(event))
                .body("events[0].activeMarkets", equalTo(1));
        given().queryParam("sport", sport).queryParam("live", "true").get("/api/sportsbook/events").then()
                .statusCode(200).body("total", equalTo(1)).body("events[0].id", equalTo(live));
        JsonPath page = given().queryParam("sport", sport).queryParam("limit", 1).get("/api/sportsbook/events")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getList("events").size());
        assertEquals(1, page.getInt("nextOffset"));
        given().queryParam("sport", sport).queryParam("limit", 1).queryParam("offset", 1)
                .get("/api/sportsbook/events").then().statusCode(200).body("nextOffset", equalTo(null))
                .body("events.size()", equalTo(1));
        assertTrue(one.getLong("seq") >= 1);
    }

    @Test
    void badInputIsAProblem() {
        problem(given().get("/api/sportsbook/events/sr:match:1"), 404, "unknown-event");
        problem(given().get("/api/sportsbook/events/not an id"), 400, "invalid-event-id");
        problem(given().queryParam("limit", 101).get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("limit", "lots").get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("offset", -1).get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("sport", "football").get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("date", "28/11/2026").get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("live", "yes").get("/api/sportsbook/events"), 400, "invalid-parameter");
        problem(given().queryParam("brand", "not a brand").get("/api/sportsbook/sports"), 400, "invalid-parameter");
        problem(given().queryParam("brand", "NOSUCHBRAND").get("/api/sportsbook/sports"), 404, "unknown-brand");
    }

    private static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code))
                .body("detail", notNullValue());
    }
}
