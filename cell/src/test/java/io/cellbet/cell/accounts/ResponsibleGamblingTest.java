package io.cellbet.cell.accounts;

import static io.cellbet.cell.accounts.PlayerFixtures.application;
import static io.cellbet.cell.accounts.PlayerFixtures.login;
import static io.cellbet.cell.accounts.PlayerFixtures.move;
import static io.cellbet.cell.accounts.PlayerFixtures.registerAndLogIn;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.api.AccountsApi;
import io.cellbet.accounts.api.PlayerDecision;
import io.cellbet.accounts.api.PlayerRestriction;
import io.cellbet.cell.TestClock;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.accounts.ExcludePerson;
import io.cellbet.contracts.accounts.PersonSelfExcluded;
import io.cellbet.contracts.accounts.PlayerRegistered;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits, time-outs and self-exclusion, set over REST and enforced through {@link AccountsApi}. */
@QuarkusTest
class ResponsibleGamblingTest {

    static final String BRAND = "ACCOUNTS_RG";
    static final String SISTER_BRAND = "ACCOUNTS_RG2";

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    TestClock clock;

    @Inject
    AccountsApi accounts;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        new TestBrands(json, cellId).applyOnce(TestBrands.internal(BRAND), TestBrands.internal(SISTER_BRAND));
    }

    @Test
    void aLowerDepositLimitAppliesAtOnceAndAHigherOneAfterTheCoolingOff() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(BRAND, application());
        UUID id = UUID.fromString(player.id());
        setLimit(player, "deposit", "day", 10_000).then().statusCode(200).body("outcome", equalTo("applied"))
                .body("limit.amountMinor", equalTo(10_000));
        setLimit(player, "deposit", "day", 5_000).then().statusCode(200).body("outcome", equalTo("applied"))
                .body("limit.amountMinor", equalTo(5_000));
        setLimit(player, "deposit", "day", 20_000).then().statusCode(200).body("outcome", equalTo("pending"))
                .body("limit.amountMinor", equalTo(5_000))
                .body("limit.pendingAmountMinor", equalTo(20_000))
                .body("limit.pendingEffectiveAt", notNullValue());

        assertAllowed(accounts.mayDeposit(id, 5_000));
        assertRefused(accounts.mayDeposit(id, 5_001), PlayerRestriction.DEPOSIT_LIMIT);
        move(BRAND, player.id(), "deposit", 4_000);
        assertRefused(accounts.mayDeposit(id, 1_001), PlayerRestriction.DEPOSIT_LIMIT);
        assertAllowed(accounts.mayDeposit(id, 1_000));

        clock.advance(Duration.ofHours(23));
        limits(player).then().body("[0].amountMinor", equalTo(5_000));
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        limits(player).then().statusCode(200).body("", hasSize(1))
                .body("[0].amountMinor", equalTo(20_000)).body("[0].pendingEffectiveAt", nullValue());
        assertAllowed(accounts.mayDeposit(id, 20_000));
        assertRefused(accounts.mayDeposit(id, 20_001), PlayerRestriction.DEPOSIT_LIMIT);

        // A removal waits too; meanwhile the limit holds.
        given().header("Authorization", "Bearer " + player.accessToken()).when()
                .delete("/api/brands/" + BRAND + "/players/me/limits/deposit/day").then().statusCode(200)
                .body("outcome", equalTo("pending")).body("limit.pendingRemoval", equalTo(true));
        assertRefused(accounts.mayDeposit(id, 20_001), PlayerRestriction.DEPOSIT_LIMIT);
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        limits(player).then().body("", hasSize(0));
        assertAllowed(accounts.mayDeposit(id, 1_000_000));

        assertEquals(List.of("limit-set", "limit-set", "limit-set-pending", "limit-change-applied",
                "limit-removal-pending", "limit-change-applied"), actions(player.id(), "limit-%"));
    }

    @Test
    void stakesBeyondTheWagerOrLossLimitAreRefused() {
        PlayerFixtures.LoggedIn wagerer = registerAndLogIn(BRAND, application());
        move(BRAND, wagerer.id(), "deposit", 10_000);
        setLimit(wagerer, "wager", "week", 1_000).then().statusCode(200);
        // Limits of other kinds beside it change nothing (a stake reads the player and every limit in one query).
        setLimit(wagerer, "deposit", "day", 50_000).then().statusCode(200);
        setLimit(wagerer, "loss", "week", 1_000_000).then().statusCode(200);
        move(BRAND, wagerer.id(), "stake", 800);
        move(BRAND, wagerer.id(), "win", 5_000);
        UUID wagererId = UUID.fromString(wagerer.id());
        assertRefused(accounts.mayStake(wagererId, 201), PlayerRestriction.WAGER_LIMIT);
        // The player reads the movements on their own statement, and no one else's.
        long cash = given().header("Authorization", "Bearer " + wagerer.accessToken()).when()
                .get("/api/brands/" + BRAND + "/players/me/wallet").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == 'cash' }.id");
        given().header("Authorization", "Bearer " + wagerer.accessToken()).when()
                .get("/api/brands/" + BRAND + "/players/me/wallet/" + cash + "/statement?limit=2").then()
                .statusCode(200).body("lines.type", equalTo(List.of("win", "stake")))
                .body("lines[0].balanceAfterMinor", equalTo(14_200));
        assertAllowed(accounts.mayStake(wagererId, 200));

        PlayerFixtures.LoggedIn loser = registerAndLogIn(BRAND, application());
        given().header("Authorization", "Bearer " + loser.accessToken()).when()
                .get("/api/brands/" + BRAND + "/players/me/wallet/" + cash + "/statement").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_ACCOUNT"));
        move(BRAND, loser.id(), "deposit", 10_000);
        setLimit(loser, "loss", "month", 500).then().statusCode(200);
        move(BRAND, loser.id(), "stake", 800);
        move(BRAND, loser.id(), "win", 400);
        UUID loserId = UUID.fromString(loser.id());
        // Lost 400 of the 500: a stake of 101 could take the loss past it.
        assertRefused(accounts.mayStake(loserId, 101), PlayerRestriction.LOSS_LIMIT);
        assertAllowed(accounts.mayStake(loserId, 100));
    }

    @Test
    void aTimedOutPlayerMayLogInAndWithdrawOnly() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(BRAND, application());
        UUID id = UUID.fromString(player.id());
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("hours", 24)).when().post("/api/brands/" + BRAND + "/players/me/time-out")
                .then().statusCode(200).body("timedOutUntil", notNullValue());
        assertRefused(accounts.mayStake(id, 1), PlayerRestriction.TIMED_OUT);
        assertRefused(accounts.mayDeposit(id, 1), PlayerRestriction.TIMED_OUT);
        assertAllowed(accounts.mayWithdraw(id));
        login(BRAND, (String) player.application().get("email"), PlayerFixtures.PASSWORD).then().statusCode(200)
                .body("player.timedOutUntil", notNullValue());
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertAllowed(accounts.mayStake(id, 1));
        assertTrue(actions(player.id(), "timed-out").size() == 1);
    }

    @Test
    void selfExclusionIsAnnouncedAndAnExclusionCommandReachesEveryAccountOfThePerson() throws Exception {
        Map<String, Object> application = application();
        PlayerFixtures.LoggedIn player = registerAndLogIn(BRAND, application);
        Map<String, Object> sister = application();
        sister.put("email", application.get("email"));
        PlayerFixtures.LoggedIn sisterAccount = registerAndLogIn(SISTER_BRAND, sister);

        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("period", "1y")).when().post("/api/brands/" + BRAND + "/players/me/self-exclusion")
                .then().statusCode(200).body("excludedUntil", notNullValue());
        assertRefused(accounts.mayStake(UUID.fromString(player.id()), 1), PlayerRestriction.SELF_EXCLUDED);
        assertAllowed(accounts.mayWithdraw(UUID.fromString(player.id())));
        String personDigest = PlayerRegistered.personDigest((String) application.get("email"),
                LocalDate.parse((String) application.get("dateOfBirth")));
        String event = sql.one("SELECT payload::text FROM messaging.outbox WHERE aggregate_id = ? AND type = ?",
                row -> row.getString(1), player.id(), PersonSelfExcluded.TYPE).orElseThrow();
        assertTrue(event.contains(personDigest), event);

        // The control plane's command, as it sends it to every cell holding the person (twice: applied once).
        assertAllowed(accounts.mayStake(UUID.fromString(sisterAccount.id()), 1));
        ExcludePerson command = new ExcludePerson(personDigest, null, true, BRAND, UUID.fromString(player.id()),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        PlayerFixtures.sendCommand(json, cellId, ExcludePerson.TYPE, command);
        PlayerFixtures.sendCommand(json, cellId, ExcludePerson.TYPE, command);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertRefused(
                accounts.mayStake(UUID.fromString(sisterAccount.id()), 1), PlayerRestriction.SELF_EXCLUDED));
        assertEquals(List.of("self-excluded"), actions(sisterAccount.id(), "self-excluded"));
        // Permanent beats one year on the player who excluded first, too.
        assertEquals(List.of("self-excluded", "self-excluded"), actions(player.id(), "self-excluded"));
        given().header("Authorization", "Bearer " + player.accessToken()).when()
                .get("/api/brands/" + BRAND + "/players/me").then().body("excludedPermanently", equalTo(true));
    }

    @Test
    void aSessionEndsAtThePlayersSessionTimeLimit() {
        Map<String, Object> application = application();
        PlayerFixtures.LoggedIn player = registerAndLogIn(BRAND, application);
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("sessionLimitMinutes", 60)).when()
                .put("/api/brands/" + BRAND + "/players/me/session-settings").then().statusCode(200);
        String refresh = login(BRAND, (String) application.get("email"), PlayerFixtures.PASSWORD).then()
                .statusCode(200).extract().jsonPath().getString("refreshToken");
        clock.advance(Duration.ofMinutes(30));
        refresh = refresh(refresh).then().statusCode(200).extract().jsonPath().getString("refreshToken");
        clock.advance(Duration.ofMinutes(31));
        refresh(refresh).then().statusCode(401).body("code", equalTo("SESSION_LIMIT_REACHED"));
        login(BRAND, (String) application.get("email"), PlayerFixtures.PASSWORD).then().statusCode(200);
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).when()
                .post("/api/brands/" + BRAND + "/token");
    }

    @Test
    void sessionSettingsAndBadInput() {
        PlayerFixtures.LoggedIn player = registerAndLogIn(BRAND, application());
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("sessionLimitMinutes", 120, "realityCheckMinutes", 30))
                .when().put("/api/brands/" + BRAND + "/players/me/session-settings").then().statusCode(200)
                .body("sessionLimitMinutes", equalTo(120)).body("realityCheckMinutes", equalTo(30));
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("sessionLimitMinutes", 1, "realityCheckMinutes", 500))
                .when().put("/api/brands/" + BRAND + "/players/me/session-settings").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("sessionLimitMinutes", "realityCheckMinutes"));
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("amountMinor", 0)).when().put("/api/brands/" + BRAND + "/players/me/limits/bets/year")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("kind", "period", "amountMinor"));
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body("{\"amountMinor\": 1.5}").when().put("/api/brands/" + BRAND + "/players/me/limits/wager/day")
                .then().statusCode(400).body("code", equalTo("invalid-json"));
        given().header("Authorization", "Bearer " + player.accessToken()).when()
                .delete("/api/brands/" + BRAND + "/players/me/limits/wager/day").then().statusCode(404)
                .body("code", equalTo("NO_SUCH_LIMIT"));
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("hours", 0)).when().post("/api/brands/" + BRAND + "/players/me/time-out")
                .then().statusCode(400).body("errors[0].field", equalTo("hours"));
        given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("period", "2w")).when().post("/api/brands/" + BRAND + "/players/me/self-exclusion")
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        given().contentType(ContentType.JSON).body(Map.of("amountMinor", 100)).when()
                .put("/api/brands/" + BRAND + "/players/me/limits/wager/day").then().statusCode(401);
        assertEquals(List.of("session-settings"), actions(player.id(), "session-settings"));
        assertFalse(accounts.mayStake(UUID.randomUUID(), 1).allowed());
    }

    private static Response setLimit(PlayerFixtures.LoggedIn player, String kind, String period, long amount) {
        return given().header("Authorization", "Bearer " + player.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("amountMinor", amount)).when()
                .put("/api/brands/" + BRAND + "/players/me/limits/" + kind + "/" + period);
    }

    private static Response limits(PlayerFixtures.LoggedIn player) {
        return given().header("Authorization", "Bearer " + player.accessToken()).when()
                .get("/api/brands/" + BRAND + "/players/me/limits");
    }

    private List<String> actions(String playerId, String like) {
        return sql.list("SELECT action FROM accounts.audit WHERE player_id = ?::uuid AND action LIKE ? ORDER BY id",
                row -> row.getString(1), playerId, like);
    }

    private static void assertAllowed(PlayerDecision decision) {
        assertTrue(decision.allowed(), () -> "refused: " + decision);
    }

    private static void assertRefused(PlayerDecision decision, PlayerRestriction reason) {
        assertFalse(decision.allowed(), "allowed, expected " + reason);
        assertEquals(reason, decision.reason(), decision.detail());
    }
}
