package io.cellbet.cell.accounts;

import static io.cellbet.cell.accounts.PlayerFixtures.PASSWORD;
import static io.cellbet.cell.accounts.PlayerFixtures.application;
import static io.cellbet.cell.accounts.PlayerFixtures.login;
import static io.cellbet.cell.accounts.PlayerFixtures.register;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.application.AccessTokens;
import io.cellbet.cell.TestClock;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.accounts.SetPlayerStatus;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login, tokens, refresh and logout, lockout and rate limits over REST. */
@QuarkusTest
class PlayerLoginTest {

    static final String BRAND = "ACCOUNTS_A";
    static final String OTHER_BRAND = "ACCOUNTS_B";

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    TestClock clock;

    @Inject
    AccessTokens accessTokens;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        new TestBrands(json, cellId).applyOnce(TestBrands.internal(BRAND), TestBrands.internal(OTHER_BRAND));
    }

    @Test
    void logsInByEmailOrUsernameAndShowsThePreviousLogin() {
        Map<String, Object> application = application();
        String id = register(BRAND, application).then().statusCode(201).extract().jsonPath().getString("id");

        JsonPath first = login(BRAND, ((String) application.get("email")).toUpperCase(), PASSWORD).then()
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue())
                .body("previousLoginAt", nullValue())
                .body("player.id", equalTo(id))
                .extract().jsonPath();
        String firstLoginAt = first.getString("player.lastLoginAt");

        login(BRAND, (String) application.get("username"), PASSWORD).then().statusCode(200)
                .body("previousLoginAt", equalTo(firstLoginAt));

        given().header("Authorization", "Bearer " + first.getString("accessToken"))
                .when().get("/api/brands/" + BRAND + "/players/me").then().statusCode(200)
                .body("id", equalTo(id)).body("email", equalTo(application.get("email")));
        given().header("Authorization", "Bearer " + first.getString("accessToken"))
                .when().get("/api/brands/" + BRAND + "/players/me/wallet").then().statusCode(200)
                .body("kind", equalTo(List.of("cash", "bonus")))
                .body("playerId", equalTo(List.of(id, id)));
        assertEquals(List.of("logged-in", "logged-in", "registered"), actions(id));
    }

    @Test
    void refusesWrongPasswordsAndUnknownNamesAlike() {
        Map<String, Object> application = application();
        register(BRAND, application).then().statusCode(201);
        login(BRAND, (String) application.get("email"), "Wrong-Password-1").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CREDENTIALS"));
        login(BRAND, "nobody-" + UUID.randomUUID() + "@example.com", PASSWORD).then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
        login(OTHER_BRAND, (String) application.get("email"), PASSWORD).then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
        given().contentType(ContentType.JSON).body("{\"login\": \"x\"}").when().post("/api/brands/" + BRAND + "/login")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void locksTheAccountAfterThreeFailuresUntilTheLockoutEnds() {
        Map<String, Object> application = application();
        String id = register(BRAND, application).then().statusCode(201).extract().jsonPath().getString("id");
        String email = (String) application.get("email");
        login(BRAND, email, "Wrong-Password-1").then().statusCode(401);
        login(BRAND, email, "Wrong-Password-2").then().statusCode(401);
        login(BRAND, email, "Wrong-Password-3").then().statusCode(423).body("code", equalTo("ACCOUNT_LOCKED"))
                .body("detail", containsString("locked until"));
        // Locked: even the right password is refused, and no password is checked.
        login(BRAND, email, PASSWORD).then().statusCode(423).body("code", equalTo("ACCOUNT_LOCKED"));

        clock.advance(Duration.ofMinutes(31));
        login(BRAND, email, PASSWORD).then().statusCode(200);
        assertEquals(List.of("logged-in", "locked", "login-failed", "login-failed", "registered"), actions(id));
        String locked = sql.one("SELECT after_state::text FROM accounts.audit WHERE player_id = ?::uuid "
                + "AND action = 'locked'", row -> row.getString(1), id).orElseThrow();
        assertTrue(locked.contains("\"failedLogins\": 3"), locked);
    }

    @Test
    void limitsAttemptsPerLoginNameWithRetryAfter() {
        String name = "storm-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; attempt <= 10; attempt++) {
            login(BRAND, name, "Wrong-Password-1").then().statusCode(401);
        }
        login(BRAND, name, "Wrong-Password-1").then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue())
                .header("Retry-After", Integer::parseInt, greaterThan(0));
    }

    @Test
    void refreshRotatesTheTokenAndAReusedTokenEndsTheSession() {
        Map<String, Object> application = application();
        register(BRAND, application).then().statusCode(201);
        String first = login(BRAND, (String) application.get("username"), PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("refreshToken");

        JsonPath refreshed = refresh(BRAND, first).then().statusCode(200).extract().jsonPath();
        String second = refreshed.getString("refreshToken");
        given().header("Authorization", "Bearer " + refreshed.getString("accessToken"))
                .when().get("/api/brands/" + BRAND + "/players/me").then().statusCode(200);

        // The first token was used up: presenting it again revokes its successor too.
        refresh(BRAND, first).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        refresh(BRAND, second).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));

        String third = login(BRAND, (String) application.get("username"), PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("refreshToken");
        refresh(OTHER_BRAND, third).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", third))
                .when().post("/api/brands/" + BRAND + "/logout").then().statusCode(204);
        refresh(BRAND, third).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", third))
                .when().post("/api/brands/" + BRAND + "/logout").then().statusCode(401);
    }

    @Test
    void opsSuspendAndReinstateAPlayerThroughTheCellsCommands() throws Exception {
        Map<String, Object> application = application();
        String id = register(BRAND, application).then().statusCode(201).extract().jsonPath().getString("id");
        String email = (String) application.get("email");
        String refreshToken = login(BRAND, email, PASSWORD).then().statusCode(200).extract().jsonPath()
                .getString("refreshToken");

        PlayerFixtures.sendCommand(json, cellId, SetPlayerStatus.TYPE, new SetPlayerStatus(UUID.fromString(id),
                "suspended", "ops:alice", "chargeback under review", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                login(BRAND, email, PASSWORD).then().statusCode(403).body("code", equalTo("ACCOUNT_SUSPENDED")));
        refresh(BRAND, refreshToken).then().statusCode(401);
        String suspended = sql.one("SELECT actor || ': ' || reason FROM accounts.audit WHERE player_id = ?::uuid "
                + "AND action = 'suspended'", row -> row.getString(1), id).orElseThrow();
        assertEquals("ops:alice: chargeback under review", suspended);

        PlayerFixtures.sendCommand(json, cellId, SetPlayerStatus.TYPE, new SetPlayerStatus(UUID.fromString(id),
                "active", "ops:bob", "review closed", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                login(BRAND, email, PASSWORD).then().statusCode(200));
        assertEquals(List.of("suspended", "reinstated"), sql.list("SELECT action FROM accounts.audit "
                + "WHERE player_id = ?::uuid AND action IN ('suspended', 'reinstated') ORDER BY id",
                row -> row.getString(1), id));
    }

    @Test
    void aPlayerOfOneBrandCannotActOnAnother() {
        Map<String, Object> application = application();
        register(BRAND, application).then().statusCode(201);
        String token = login(BRAND, (String) application.get("email"), PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        given().header("Authorization", "Bearer " + token).when().get("/api/brands/" + OTHER_BRAND + "/players/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("BRAND_MISMATCH"));
        given().header("Authorization", "Bearer " + token).when()
                .get("/api/brands/" + OTHER_BRAND + "/players/me/wallet").then().statusCode(403);
    }

    @Test
    void refusesMissingForgedAndForeignTokens() throws Exception {
        Map<String, Object> application = application();
        String id = register(BRAND, application).then().statusCode(201).extract().jsonPath().getString("id");
        given().when().get("/api/brands/" + BRAND + "/players/me").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("code", equalTo("TOKEN_REQUIRED"));
        given().header("Authorization", "Bearer not.a.jwt").when().get("/api/brands/" + BRAND + "/players/me")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));

        // Every claim right, signed by a key that is not this cell's.
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(accessTokens.issuer()).subject(id).audience(AccessTokens.AUDIENCE)
                .groups(AccessTokens.ROLE_PLAYER).claim("brand", BRAND).claim("cell", cellId)
                .expiresAt(Instant.now().plusSeconds(600)).sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).when().get("/api/brands/" + BRAND + "/players/me")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));

        // Issued, with this cell's own key, by another cell: refused on its issuer.
        String foreign = Jwt.issuer("cellbet:cell:another-cell").subject(id).audience(AccessTokens.AUDIENCE)
                .groups(AccessTokens.ROLE_PLAYER).claim("brand", BRAND).claim("cell", "another-cell")
                .expiresAt(Instant.now().plusSeconds(600)).jws().keyId(signingKeyId()).sign(signingKey());
        given().header("Authorization", "Bearer " + foreign).when().get("/api/brands/" + BRAND + "/players/me")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void aRememberedTokenIsRefusedFromTheSecondItExpires() {
        UUID player = UUID.randomUUID();
        String token = accessTokens.issue(player, BRAND, Duration.ofMinutes(10));
        AccessTokens.Holder holder = accessTokens.verify(token).orElseThrow();
        assertEquals(player, holder.playerId());
        assertEquals(BRAND, holder.brand());
        // Verified once, so remembered: answered the same without its signature checked again...
        assertEquals(Optional.of(holder), accessTokens.verifyAt(token, Instant.now().plusSeconds(590)));
        // ...but never past its expiry, nor at it.
        Instant expiry = Instant.ofEpochSecond(JsonPath.from(new String(Base64.getUrlDecoder().decode(
                token.split("\\.")[1]), StandardCharsets.UTF_8)).getLong("exp"));
        assertEquals(Optional.empty(), accessTokens.verifyAt(token, expiry));
        assertEquals(Optional.empty(), accessTokens.verifyAt(token, expiry.plusSeconds(3600)));
        assertEquals(Optional.of(holder), accessTokens.verifyAt(token, expiry.minusSeconds(1)));
        // A token that never verified is not remembered by being asked for.
        assertEquals(Optional.empty(), accessTokens.verify(token.substring(0, token.length() - 2) + "xx"));
    }

    private String signingKeyId() {
        return sql.one("SELECT key_id FROM accounts.signing_keys WHERE retired_at IS NULL", row -> row.getString(1))
                .orElseThrow();
    }

    private java.security.PrivateKey signingKey() throws Exception {
        byte[] encoded = sql.one("SELECT private_key FROM accounts.signing_keys WHERE retired_at IS NULL",
                row -> row.getBytes(1)).orElseThrow();
        return java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(encoded));
    }

    private static io.restassured.response.Response refresh(String brand, String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/brands/" + brand + "/token");
    }

    private List<String> actions(String playerId) {
        return sql.list("SELECT action FROM accounts.audit WHERE player_id = ?::uuid ORDER BY id DESC",
                row -> row.getString(1), playerId);
    }
}
