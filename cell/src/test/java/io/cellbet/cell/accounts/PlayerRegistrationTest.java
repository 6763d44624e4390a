package io.cellbet.cell.accounts;

import static io.cellbet.cell.accounts.PlayerFixtures.application;
import static io.cellbet.cell.accounts.PlayerFixtures.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.accounts.PlayerRegistered;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration over REST: what a new player gets, and every way an application is refused without a trace. */
@QuarkusTest
class PlayerRegistrationTest {

    static final String BRAND = "ACCOUNTS_REG";

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        new TestBrands(json, cellId).applyOnce(TestBrands.internal(BRAND));
    }

    @Test
    void registersAPlayerWithWalletAccountsAuditAndDirectoryEvent() throws Exception {
        Map<String, Object> application = application();
        String id = register(BRAND, application).then().statusCode(201)
                .header("Location", endsWith("/api/brands/" + BRAND + "/players/me"))
                .body("brand", equalTo(BRAND))
                .body("email", equalTo(application.get("email")))
                .body("username", equalTo(application.get("username")))
                .body("dateOfBirth", equalTo("1990-04-23"))
                .body("currency", equalTo("EUR"))
                .body("status", equalTo("active"))
                .body("kycStatus", equalTo("unverified"))
                .extract().jsonPath().getString("id");

        String hash = sql.one("SELECT password_hash FROM accounts.players WHERE id = ?::uuid",
                row -> row.getString(1), id).orElseThrow();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(!hash.contains(PlayerFixtures.PASSWORD));

        List<String> kinds = sql.list("SELECT kind || ' ' || currency || ' ' || balance_minor FROM wallet.accounts "
                + "WHERE brand = ? AND player_id = ? ORDER BY kind", row -> row.getString(1), BRAND, id);
        assertEquals(List.of("bonus EUR 0", "cash EUR 0"), kinds);

        List<String> audit = sql.list("SELECT action || ' by ' || actor FROM accounts.audit WHERE player_id = ?::uuid",
                row -> row.getString(1), id);
        assertEquals(List.of("registered by " + id), audit);
        String after = sql.one("SELECT after_state::text FROM accounts.audit WHERE player_id = ?::uuid",
                row -> row.getString(1), id).orElseThrow();
        assertTrue(!after.contains("argon2"), "the audit trail never holds the password hash");

        JsonNode event = json.readTree(sql.one("SELECT payload::text FROM messaging.outbox WHERE aggregate_id = ? "
                + "AND type = ?", row -> row.getString(1), id, PlayerRegistered.TYPE).orElseThrow());
        assertEquals(cellId, event.get("cellId").asText());
        assertEquals(BRAND, event.get("brand").asText());
        assertEquals(PlayerRegistered.loginNameDigest(BRAND, ((String) application.get("email")).toUpperCase()),
                event.get("loginNameDigests").get(0).asText());
        assertTrue(!event.toString().contains((String) application.get("email")), "no e-mail leaves the cell");
    }

    @Test
    void refusesATakenEmailOrUsernameWhateverItsCase() {
        Map<String, Object> first = application();
        register(BRAND, first).then().statusCode(201);

        Map<String, Object> sameEmail = application();
        sameEmail.put("email", ((String) first.get("email")).toUpperCase());
        register(BRAND, sameEmail).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("EMAIL_TAKEN")).body("errors[0].field", equalTo("email"));

        Map<String, Object> sameUsername = application();
        sameUsername.put("username", ((String) first.get("username")).toUpperCase());
        register(BRAND, sameUsername).then().statusCode(409).body("code", equalTo("USERNAME_TAKEN"))
                .body("errors[0].field", equalTo("username"));
        assertEquals(0, players(Map.of("email", "-", "username", sameEmail.get("username")))
                + players(Map.of("email", sameUsername.get("email"), "username", "-")),
                "a refused registration leaves no player");
    }

    @Test
    void namesEachInvalidField() {
        Map<String, Object> weak = application();
        weak.put("password", "password");
        refused(weak, "password", "must be 10 to 128 characters");
        weak.put("password", "alllowercaseletters");
        refused(weak, "password", "must mix at least three of");
        weak.put("password", "Password123");
        refused(weak, "password", "is one of the most common passwords");
        weak.put("password", "Horsey-Stable-9");
        weak.put("username", "horsey");
        refused(weak, "password", "must not contain the username");

        Map<String, Object> young = application();
        young.put("dateOfBirth", LocalDate.now().minusYears(18).plusDays(2).toString());
        refused(young, "dateOfBirth", "at least 18 years old");
        young.put("dateOfBirth", "23/04/1990");
        refused(young, "dateOfBirth", "must be a date");

        Map<String, Object> currency = application();
        currency.put("currency", "USD");
        refused(currency, "currency", "must be one of the brand's currencies [EUR]");

        Map<String, Object> country = application();
        country.put("country", "XX");
        refused(country, "country", "ISO 3166-1");

        Map<String, Object> email = application();
        email.put("email", "not-an-email");
        refused(email, "email", "must be an e-mail address");

        Map<String, Object> nameless = application();
        nameless.remove("email");
        nameless.remove("username");
        refused(nameless, "email", "an e-mail or a username is required");

        Map<String, Object> everything = Map.of("password", "short");
        register(BRAND, everything).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("email", "password", "dateOfBirth", "country", "currency"));
    }

    @Test
    void answersMalformedBodiesAndUnknownBrandsWithProblems() {
        given().contentType(ContentType.JSON).body("{\"email\": \"a@b.example\", ").when()
                .post("/api/brands/" + BRAND + "/players").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body("{\"email\": [1]}").when()
                .post("/api/brands/" + BRAND + "/players").then().statusCode(400)
                .body("code", equalTo("invalid-json")).body("errors.field", hasItem("email"));
        given().contentType(ContentType.JSON).when().post("/api/brands/" + BRAND + "/players").then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("body"));
        Map<String, Object> application = application();
        register("NO_SUCH_BRAND", application).then().statusCode(404).body("code", equalTo("UNKNOWN_BRAND"));
        assertEquals(0, players(application));
    }

    @Test
    void showsThePlayersAuditToOps() {
        String id = register(BRAND, application()).then().statusCode(201).extract().jsonPath().getString("id");
        given().when().get("/api/accounts/players/" + id + "/audit").then().statusCode(200)
                .body("records[0].action", equalTo("registered"))
                .body("records[0].after", containsString("\"status\": \"active\""))
                .body("records[0].occurredAt", notNullValue());
        given().when().get("/api/accounts/players/" + id + "/audit?limit=201").then().statusCode(400)
                .body("code", equalTo("invalid-parameter"));
        given().when().get("/api/accounts/players/" + UUID.randomUUID() + "/audit").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_PLAYER"));
    }

    private static void refused(Map<String, Object> application, String field, String message) {
        register(BRAND, application).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", equalTo(List.of(field)))
                .body("errors[0].message", containsString(message));
    }

    private long players(Map<String, Object> application) {
        return sql.one("SELECT count(*) FROM accounts.players WHERE brand = ? AND (lower(email) = lower(?) "
                + "OR lower(username) = lower(?))", row -> row.getLong(1), BRAND, application.get("email"),
                application.get("username")).orElseThrow();
    }
}
