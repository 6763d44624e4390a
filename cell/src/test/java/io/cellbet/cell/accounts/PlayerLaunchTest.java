package io.cellbet.cell.accounts;

import static io.cellbet.cell.accounts.PlayerFixtures.login;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.TestClock;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.contracts.accounts.LaunchTokens;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.simulators.brandwallet.ReferenceBrandWallet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launches of the embedded web app over REST: brands sign launch tokens (as their servers would,
 * with {@link LaunchTokens}) and the cell trades them for sessions; a seamless brand's balance comes
 * from its wallet, the reference brand wallet on a real HTTP server.
 */
@QuarkusTest
class PlayerLaunchTest {

    static final String BRAND = "LAUNCH_A";
    static final String SEAMLESS_BRAND = "LAUNCH_SEAMLESS";
    static final String UNEMBEDDED_BRAND = "LAUNCH_NONE";
    /** The secret the test cell holds as {@code cellbet.accounts.launch-secrets."test-launch"}. */
    static final String LAUNCH_SECRET = "test-launch-secret";
    /** The seamless brand's wallet key, held by the test cell as {@code seamless-secrets."test-brand-wallet"}. */
    static final String WALLET_SECRET = "test-secret";

    private static ReferenceBrandWallet brandWallet;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    TestClock clock;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        BrandConfig.Embedding embedding = new BrandConfig.Embedding("test-launch", List.of("https://launch.example"));
        TestBrands brands = new TestBrands(json, cellId);
        brands.applyOnce(TestBrands.internal(BRAND).withEmbedding(embedding), TestBrands.internal(UNEMBEDDED_BRAND));
        if (brandWallet == null) {
            brandWallet = ReferenceBrandWallet.start(0, WALLET_SECRET);
            // Applied in every JVM: the wallet's port is new each time.
            brands.apply(System.getProperty("cellbet.infra.broker.url"), TestBrands.seamless(SEAMLESS_BRAND,
                    brandWallet.baseUrl().toString(), "test-brand-wallet").withEmbedding(embedding));
        }
        for (String brand : List.of(BRAND, SEAMLESS_BRAND)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when()
                    .get("/api/config/brands/" + brand).then().body("embedding.secretRef", equalTo("test-launch")));
        }
    }

    @AfterEach
    void brandWalletBack() {
        brandWallet.normal();
        brandWallet.up();
    }

    @AfterAll
    static void brandWalletClosed() {
        if (brandWallet != null) {
            brandWallet.close();
            brandWallet = null;
        }
    }

    @Test
    void launchesANewPlayerAndTheSamePlayerWithTheNextToken() {
        String externalId = externalId();
        String id = launch(BRAND, sign(payload(BRAND, externalId))).then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue())
                .body("refreshExpiresAt", notNullValue())
                .body("previousLoginAt", nullValue())
                .body("player.brand", equalTo(BRAND))
                .body("player.email", nullValue())
                .body("player.username", nullValue())
                .body("player.currency", equalTo("EUR"))
                .body("player.country", equalTo("GB"))
                .body("player.dateOfBirth", equalTo("1990-04-23"))
                .body("player.status", equalTo("active"))
                .extract().jsonPath().getString("player.id");

        String accessToken = launch(BRAND, sign(payload(BRAND, externalId))).then().statusCode(200)
                .body("player.id", equalTo(id))
                .body("previousLoginAt", notNullValue())
                .extract().jsonPath().getString("accessToken");

        given().header("Authorization", "Bearer " + accessToken).when().get("/api/brands/" + BRAND + "/players/me")
                .then().statusCode(200).body("id", equalTo(id));
        // Wallet accounts opened exactly as registration opens them.
        given().header("Authorization", "Bearer " + accessToken).when()
                .get("/api/brands/" + BRAND + "/players/me/wallet").then().statusCode(200)
                .body("kind", containsInAnyOrder("cash", "bonus"));
        assertEquals(1L, count("SELECT count(*) FROM accounts.players WHERE brand = ? AND external_id = ?", BRAND,
                externalId));
        assertEquals(1L, count("SELECT count(*) FROM accounts.players WHERE id = ?::uuid AND password_hash IS NULL",
                id));
        assertEquals(1L, count("SELECT count(*) FROM accounts.audit WHERE player_id = ?::uuid AND action = 'registered' "
                + "AND reason = 'launch token'", id));
        assertEquals(2L, count("SELECT count(*) FROM accounts.audit WHERE player_id = ?::uuid AND action = 'logged-in'",
                id));
        assertEquals(1L, count("SELECT count(*) FROM messaging.outbox WHERE aggregate_id = ? "
                + "AND type = 'PlayerRegistered'", id));
    }

    @Test
    void refusesATamperedSignature() {
        String externalId = externalId();
        String token = sign(payload(BRAND, externalId));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        refused(launch(BRAND, tampered), 401, "INVALID_LAUNCH_TOKEN");
        refused(launch(BRAND, LaunchTokens.sign(payloadBytes(payload(BRAND, externalId)), "not-the-brand-secret")),
                401, "INVALID_LAUNCH_TOKEN");
        // The payload changed under a signature made for the original one.
        Map<String, Object> richer = payload(BRAND, externalId);
        String signature = token.substring(token.indexOf('.'));
        richer.put("currency", "GBP");
        String swapped = sign(richer);
        refused(launch(BRAND, swapped.substring(0, swapped.indexOf('.')) + signature), 401, "INVALID_LAUNCH_TOKEN");
        assertNoPlayer(BRAND, externalId);
    }

    @Test
    void refusesMalformedTokens() {
        for (String token : List.of("abc", "a.b.c", "e30", "e30.", "!!.??", "e30." + "A".repeat(43))) {
            refused(launch(BRAND, token), 401, "INVALID_LAUNCH_TOKEN");
        }
        // Correctly signed, but not a JSON object.
        refused(launch(BRAND, LaunchTokens.sign("[1,2]".getBytes(StandardCharsets.UTF_8), LAUNCH_SECRET)), 401,
                "INVALID_LAUNCH_TOKEN");
        refused(launch(BRAND, LaunchTokens.sign("not json".getBytes(StandardCharsets.UTF_8), LAUNCH_SECRET)), 401,
                "INVALID_LAUNCH_TOKEN");
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/api/brands/" + BRAND + "/launch")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("token"));
    }

    @Test
    void refusesAnExpiredToken() {
        String externalId = externalId();
        Map<String, Object> payload = payload(BRAND, externalId);
        payload.put("exp", clock.instant().getEpochSecond() - 1);
        refused(launch(BRAND, sign(payload)), 401, "LAUNCH_TOKEN_EXPIRED");
        assertNoPlayer(BRAND, externalId);
    }

    @Test
    void refusesATokenThatWouldLiveLongerThanTenMinutes() {
        String externalId = externalId();
        Map<String, Object> payload = payload(BRAND, externalId);
        payload.put("exp", clock.instant().plus(Duration.ofMinutes(11)).getEpochSecond());
        refused(launch(BRAND, sign(payload)), 401, "LAUNCH_TOKEN_EXPIRED");
        assertNoPlayer(BRAND, externalId);
    }

    @Test
    void takesEachNonceOnce() {
        String externalId = externalId();
        Map<String, Object> payload = payload(BRAND, externalId);
        String token = sign(payload);
        launch(BRAND, token).then().statusCode(200);
        refused(launch(BRAND, token), 401, "LAUNCH_TOKEN_USED");
        // Another player's token with a nonce already taken is refused too, and creates nobody.
        String otherExternalId = externalId();
        Map<String, Object> other = payload(BRAND, otherExternalId);
        other.put("nonce", payload.get("nonce"));
        refused(launch(BRAND, sign(other)), 401, "LAUNCH_TOKEN_USED");
        assertNoPlayer(BRAND, otherExternalId);
    }

    @Test
    void refusesATokenMadeForAnotherBrand() {
        String externalId = externalId();
        refused(launch(BRAND, sign(payload(UNEMBEDDED_BRAND, externalId))), 401, "INVALID_LAUNCH_TOKEN");
        refused(launch(BRAND, sign(payload(SEAMLESS_BRAND, externalId))), 401, "INVALID_LAUNCH_TOKEN");
        assertNoPlayer(BRAND, externalId);
        assertNoPlayer(SEAMLESS_BRAND, externalId);
    }

    @Test
    void refusesABrandThatDoesNotEmbedTheApp() {
        String externalId = externalId();
        refused(launch(UNEMBEDDED_BRAND, sign(payload(UNEMBEDDED_BRAND, externalId))), 403, "EMBEDDING_DISABLED");
        assertNoPlayer(UNEMBEDDED_BRAND, externalId);
        refused(launch("LAUNCH_UNKNOWN", sign(payload("LAUNCH_UNKNOWN", externalId))), 404, "UNKNOWN_BRAND");
    }

    @Test
    void namesEachMissingOrInvalidPayloadField() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("brand", BRAND);
        payload.put("currency", "USD");
        payload.put("country", "XX");
        payload.put("dateOfBirth", clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusYears(17)
                .toString());
        payload.put("locale", "not a locale!");
        payload.put("exp", "soon");
        payload.put("nonce", "short");
        launch(BRAND, sign(payload)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", containsInAnyOrder("externalPlayerId", "dateOfBirth", "country", "currency",
                        "locale", "exp", "nonce"));

        String externalId = externalId();
        Map<String, Object> wrongTypes = payload(BRAND, externalId);
        wrongTypes.put("dateOfBirth", "23/04/1990");
        wrongTypes.put("exp", 1.5);
        launch(BRAND, sign(wrongTypes)).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("dateOfBirth", "exp"));
        assertNoPlayer(BRAND, externalId);
    }

    @Test
    void refusesAPasswordLoginOfALaunchedPlayer() {
        String externalId = externalId();
        launch(BRAND, sign(payload(BRAND, externalId))).then().statusCode(200);
        login(BRAND, externalId, PlayerFixtures.PASSWORD).then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    void showsTheSeamlessBalanceFromTheBrandsWalletAndNoneWhenItIsDown() {
        String externalId = externalId();
        brandWallet.openPlayer(externalId, "EUR", 12_345);
        String accessToken = launch(SEAMLESS_BRAND, sign(payload(SEAMLESS_BRAND, externalId))).then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
        // A seamless brand's player has no ledger accounts: the brand holds the money.
        assertEquals(0L, count("SELECT count(*) FROM wallet.accounts WHERE brand = ?", SEAMLESS_BRAND));

        long balanceReadsBefore = balanceReads();
        given().header("Authorization", "Bearer " + accessToken).when()
                .get("/api/brands/" + SEAMLESS_BRAND + "/players/me/wallet").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(0))
                .body("[0].kind", equalTo("cash"))
                .body("[0].currency", equalTo("EUR"))
                .body("[0].balanceMinor", equalTo(12_345))
                .body("[0].availableMinor", equalTo(12_345));
        assertEquals(balanceReadsBefore + 1, balanceReads());

        brandWallet.down();
        given().header("Authorization", "Bearer " + accessToken).when()
                .get("/api/brands/" + SEAMLESS_BRAND + "/players/me/wallet").then().statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("BRAND_WALLET_UNAVAILABLE"));
    }

    private static long balanceReads() {
        return brandWallet.journal().stream().filter(call -> call.operation().equals("balance")).count();
    }

    // ------------------------------------------------------------------ helpers

    private static String externalId() {
        return "u-" + UUID.randomUUID();
    }

    /** A valid payload for the brand's player, expiring in five minutes of the cell's clock, with a fresh nonce. */
    private Map<String, Object> payload(String brand, String externalPlayerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("brand", brand);
        payload.put("externalPlayerId", externalPlayerId);
        payload.put("currency", "EUR");
        payload.put("country", "GB");
        payload.put("dateOfBirth", "1990-04-23");
        payload.put("locale", "en");
        payload.put("exp", clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond());
        payload.put("nonce", UUID.randomUUID().toString().replace("-", ""));
        return payload;
    }

    private byte[] payloadBytes(Map<String, Object> payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(Map<String, Object> payload) {
        return LaunchTokens.sign(payloadBytes(payload), LAUNCH_SECRET);
    }

    private static Response launch(String brand, String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).when()
                .post("/api/brands/" + brand + "/launch");
    }

    private static ValidatableResponse refused(Response response, int status, String code) {
        return response.then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    private void assertNoPlayer(String brand, String externalId) {
        assertEquals(0L, count("SELECT count(*) FROM accounts.players WHERE brand = ? AND external_id = ?", brand,
                externalId));
    }

    private long count(String query, Object... parameters) {
        return sql.one(query, row -> row.getLong(1), parameters).orElseThrow();
    }
}
