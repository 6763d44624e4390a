package io.cellbet.controlplane.players;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.controlplane.CellEvents;
import io.cellbet.contracts.accounts.ExcludePerson;
import io.cellbet.contracts.accounts.PersonSelfExcluded;
import io.cellbet.contracts.accounts.PlayerRegistered;
import io.cellbet.contracts.cells.CellPresence;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.controlplane.BrandFixtures;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory learns players from cells' events; the routing rule spreads new players over open cells by weight. */
@QuarkusTest
class PlayerDirectoryTest {

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    private String brand;
    private String cellA;
    private String cellB;

    @BeforeEach
    void cells() throws Exception {
        brand = BrandFixtures.uniqueCode();
        given().contentType(ContentType.JSON).body(BrandFixtures.brandJson(brand, brand.toLowerCase() + ".example",
                "EUR")).post("/api/brands").then().statusCode(201);
        String suffix = brand.toLowerCase();
        cellA = "route-a-" + suffix;
        cellB = "route-b-" + suffix;
        publish(cellA, "heartbeat", CellPresence.HEARTBEAT, presence(cellA, "eu"));
        publish(cellB, "heartbeat", CellPresence.HEARTBEAT, presence(cellB, "uk"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().when().get("/api/cells/" + cellA).then().statusCode(200);
            given().when().get("/api/cells/" + cellB).then().statusCode(200);
        });
        // Cells of other tests that serve every brand take no new players here.
        for (String other : given().when().get("/api/cells").then().extract().jsonPath().getList("id", String.class)) {
            if (!other.equals(cellA) && !other.equals(cellB)) {
                setRouting(other, Map.of("weight", 1, "closedToNewPlayers", true)).then().statusCode(200);
            }
        }
    }

    @Test
    void spreadsNewPlayersByWeightAndSkipsClosedCells() {
        assertEquals(Map.of(cellA, 3, cellB, 3), routeMany(6, null));

        setRouting(cellB, Map.of("weight", 2, "closedToNewPlayers", false)).then().statusCode(200)
                .body("weight", equalTo(2));
        // Routed so far, not placed since the change, follows the weights: 5 and 10 after these 9.
        assertEquals(Map.of(cellA, 2, cellB, 7), routeMany(9, null));

        setRouting(cellB, Map.of("weight", 2, "closedToNewPlayers", true)).then().statusCode(200);
        assertEquals(Map.of(cellA, 5), routeMany(5, null));
        // A region hint prefers that region's open cells; with none open there, any open cell.
        assertEquals(Map.of(cellA, 2), routeMany(2, "uk"));

        setRouting(cellA, Map.of("weight", 0, "closedToNewPlayers", false)).then().statusCode(200);
        route(brand, null).then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("no-cell-available"));
    }

    @Test
    void prefersTheRegionOfTheHint() {
        assertEquals(Map.of(cellB, 4), routeMany(4, "uk"));
        assertEquals(Map.of(cellA, 4), routeMany(4, "eu"));
    }

    @Test
    void findsEveryRegisteredPlayerByIdAndLoginName() throws Exception {
        List<UUID> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID player = UUID.randomUUID();
            players.add(player);
            String cell = i % 2 == 0 ? cellA : cellB;
            PlayerRegistered registered = new PlayerRegistered(player, brand, cell, "GB", "EUR",
                    List.of(PlayerRegistered.loginNameDigest(brand, "p" + i + "@" + brand + ".example")), null,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            publish(cell, "accounts." + PlayerRegistered.TYPE, PlayerRegistered.TYPE, registered);
            // Published twice, as an outbox replay would: recorded once.
            publish(cell, "accounts." + PlayerRegistered.TYPE, PlayerRegistered.TYPE, registered);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < players.size(); i++) {
                given().when().get("/api/players/" + players.get(i)).then().statusCode(200)
                        .body("cellId", equalTo(i % 2 == 0 ? cellA : cellB))
                        .body("baseUrl", equalTo("http://127.0.0.1:1"));
            }
        });
        given().queryParam("brand", brand).queryParam("login", ("P3@" + brand + ".example").toUpperCase())
                .when().get("/api/players/resolve").then().statusCode(200)
                .body("playerId", equalTo(players.get(3).toString())).body("cellId", equalTo(cellB));
        given().queryParam("brand", brand).queryParam("login", "nobody@example.com")
                .when().get("/api/players/resolve").then().statusCode(404).body("code", equalTo("player-not-found"));
    }

    @Test
    void aSelfExclusionIsSentToEveryCellHoldingThePersonNowAndLater() throws Exception {
        String person = PlayerRegistered.personDigest("ann-" + brand + "@example.com", java.time.LocalDate.of(1990, 4, 23));
        UUID inA = UUID.randomUUID();
        UUID inB = UUID.randomUUID();
        publish(cellA, "accounts." + PlayerRegistered.TYPE, PlayerRegistered.TYPE, new PlayerRegistered(inA, brand,
                cellA, "GB", "EUR", List.of(), person, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        publish(cellB, "accounts." + PlayerRegistered.TYPE, PlayerRegistered.TYPE, new PlayerRegistered(inB,
                "OTHER" + brand, cellB, "GB", "EUR", List.of(), person, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/players/" + inB).then().statusCode(200));

        publish(cellA, "accounts." + PersonSelfExcluded.TYPE, PersonSelfExcluded.TYPE, new PersonSelfExcluded(inA,
                brand, cellA, person, null, true, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(
                List.of(Exchanges.cellCommandRoutingKey(cellA, ExcludePerson.TYPE),
                        Exchanges.cellCommandRoutingKey(cellB, ExcludePerson.TYPE)), commandsFor(person)));

        // A shorter exclusion later changes nothing; a new account of the person is excluded at once.
        publish(cellB, "accounts." + PersonSelfExcluded.TYPE, PersonSelfExcluded.TYPE, new PersonSelfExcluded(inB,
                "OTHER" + brand, cellB, person, Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MICROS), false,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        UUID later = UUID.randomUUID();
        publish(cellB, "accounts." + PlayerRegistered.TYPE, PlayerRegistered.TYPE, new PlayerRegistered(later, brand,
                cellB, "GB", "EUR", List.of(), person, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(3, commandsFor(person).size()));
        String payload = sql.one("SELECT payload::text FROM messaging.outbox WHERE aggregate_id = ? ORDER BY id DESC "
                + "LIMIT 1", row -> row.getString(1), person).orElseThrow();
        assertEquals(true, json.readTree(payload).get("permanent").asBoolean(), payload);
    }

    private List<String> commandsFor(String person) {
        return sql.list("SELECT routing_key FROM messaging.outbox WHERE aggregate_id = ? AND type = ? ORDER BY id",
                row -> row.getString(1), person, ExcludePerson.TYPE);
    }

    @Test
    void answersBadInputWithProblems() {
        route(null, null).then().statusCode(400).body("errors.field", containsInAnyOrder("brand"));
        route("NO_SUCH_BRAND", null).then().statusCode(404).body("code", equalTo("brand-not-found"));
        given().when().get("/api/players/resolve").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("brand", "login"));
        given().when().get("/api/players/not-a-uuid").then().statusCode(404);
        setRouting(cellA, Map.of("weight", -1)).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("weight", "closedToNewPlayers"));
        setRouting("no-such-cell", Map.of("weight", 1, "closedToNewPlayers", false)).then().statusCode(404)
                .body("code", equalTo("cell-not-found"));
        given().contentType(ContentType.JSON).body("{\"brand\":").when().post("/api/players/route").then()
                .statusCode(400).body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body(Map.of("weight", 1, "closedToNewPlayers", true)).when()
                .put("/api/cells/" + cellA + "/routing").then().statusCode(401).body("code", equalTo("token-required"));
        given().contentType(ContentType.JSON).body(Map.of("status", "suspended", "reason", "x")).when()
                .post("/api/players/" + UUID.randomUUID() + "/status").then().statusCode(401);
    }

    private Map<String, Integer> routeMany(int players, String region) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < players; i++) {
            String cell = route(brand, region).then().statusCode(200).extract().jsonPath().getString("cellId");
            counts.merge(cell, 1, Integer::sum);
        }
        return counts;
    }

    private static io.restassured.response.Response route(String brand, String region) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("brand", brand);
        body.put("region", region);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/players/route");
    }

    private static io.restassured.response.Response setRouting(String cell, Map<String, Object> settings) {
        return given().header("Authorization", "Bearer " + opsToken()).contentType(ContentType.JSON).body(settings)
                .when().put("/api/cells/" + cell + "/routing");
    }

    /** A token of the test profile's bootstrap admin. */
    static String opsToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "test-admin-password")).when().post("/api/ops/login")
                .then().statusCode(200).extract().jsonPath().getString("accessToken");
    }

    private CellPresence presence(String cellId, String region) {
        return new CellPresence(cellId, region, "http://127.0.0.1:1", List.of(brand), UUID.randomUUID(), 0,
                Instant.now(), Instant.now());
    }

    private void publish(String cellId, String event, String type, Object payload) throws Exception {
        // The id follows from the content: the same event published twice is a redelivery.
        UUID id = UUID.nameUUIDFromBytes((type + json.writeValueAsString(payload)).getBytes());
        try (CellEvents events = CellEvents.open(json)) {
            events.publish(id, cellId, event, type, payload);
        }
    }
}
