package io.cellbet.cell.wallet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input to the seamless wallet's REST API gets a problem naming what is wrong, and nothing is recorded or sent. */
@QuarkusTest
class SeamlessRestValidationTest {

    static final String INTERNAL_BRAND = "INTERNAL_ONLY";
    /** Seamless, but its secretRef names no secret this cell has. */
    static final String KEYLESS_BRAND = "SEAMLESS_NOKEY";
    /** Seamless and completely configured; its wallet is never reached by these tests. */
    static final String UNREACHED_BRAND = "SEAMLESS_IDEM";

    private static boolean brandsApplied;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    @BeforeEach
    void brands() throws Exception {
        if (!brandsApplied) {
            new TestBrands(json, cellId).apply(System.getProperty("cellbet.infra.broker.url"),
                    TestBrands.internal(INTERNAL_BRAND),
                    TestBrands.seamless(KEYLESS_BRAND, "http://127.0.0.1:9/", "no-such-secret"),
                    TestBrands.seamless(UNREACHED_BRAND, "http://127.0.0.1:9/", "test-brand-wallet"));
            brandsApplied = true;
        }
    }

    @Test
    void refusesZeroNegativeAndFractionalAmounts() {
        post("/debits", body(UUID.randomUUID().toString(), INTERNAL_BRAND, "EUR", "0"))
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", containsInAnyOrder("amountMinor"))
                .body("errors[0].message", equalTo("must be positive"));
        post("/credits", body(UUID.randomUUID().toString(), INTERNAL_BRAND, "EUR", "-5"))
                .statusCode(400).body("errors.field", containsInAnyOrder("amountMinor"));
        post("/debits", body(UUID.randomUUID().toString(), INTERNAL_BRAND, "EUR", "1.5"))
                .statusCode(400).body("errors[0].message", equalTo("must be a whole number of minor units"));
        post("/debits", body(UUID.randomUUID().toString(), INTERNAL_BRAND, "EUR", "\"100\""))
                .statusCode(400).body("errors.field", hasItem("amountMinor"));
    }

    @Test
    void namesEveryBadField() {
        post("/debits", "{\"transferId\":\"not-a-uuid\",\"brand\":\"\",\"currency\":\"eur\",\"type\":\"Big Bet\"}")
                .statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", containsInAnyOrder("transferId", "brand", "playerId", "currency", "amountMinor", "type"));
    }

    @Test
    void refusesMalformedJson() {
        post("/credits", "{\"transferId\":").statusCode(400).body("code", equalTo("malformed-json"));
        post("/credits", "").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void refusesBrandsThatAreNotSeamless() {
        for (String brand : new String[] {INTERNAL_BRAND, "NO_SUCH_BRAND", KEYLESS_BRAND}) {
            UUID id = UUID.randomUUID();
            post("/debits", body(id.toString(), brand, "EUR", "100"))
                    .statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("BRAND_NOT_SEAMLESS"))
                    .body("type", equalTo("https://cellbet.io/problems/BRAND_NOT_SEAMLESS"));
            post("/credits", body(id.toString(), brand, "EUR", "100")).statusCode(422);
            assertEquals(0L, sql.one("SELECT count(*) FROM wallet.seamless_calls WHERE transfer_id = ?",
                    rs -> rs.getLong(1), id).orElseThrow(), "nothing recorded for " + brand);
        }
    }

    @Test
    void refusesAPageSizeOutOfBounds() {
        for (String limit : new String[] {"0", "501", "-1", "ten"}) {
            given().when().get("/api/wallet/seamless/calls?limit=" + limit).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("invalid-parameter"))
                    .body("errors[0].field", equalTo("limit"));
        }
        given().when().get("/api/wallet/seamless/calls?limit=500").then().statusCode(200);
        given().when().get("/api/wallet/seamless/calls?status=lost").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void answersUnknownAndMalformedCallIds() {
        given().when().get("/api/wallet/seamless/calls/" + UUID.randomUUID()).then()
                .statusCode(404).body("code", equalTo("SEAMLESS_CALL_NOT_FOUND"));
        given().when().get("/api/wallet/seamless/calls/nope").then()
                .statusCode(400).body("errors[0].field", equalTo("transferId"));
        post("/rollbacks", "{\"debitTransferId\":\"" + UUID.randomUUID() + "\"}")
                .statusCode(404).body("code", equalTo("SEAMLESS_CALL_NOT_FOUND"));
        post("/rollbacks", "{}").statusCode(400).body("errors[0].field", equalTo("debitTransferId"));
    }

    @Test
    void refusesATransferIdReusedForOtherContent() {
        String id = UUID.randomUUID().toString();
        // A credit recorded earlier under this id (closed, so nothing runs in the background).
        sql.update("""
                INSERT INTO wallet.seamless_calls (transfer_id, brand, player_id, operation, currency, amount_minor, type,
                    request_hash, status, rejection, attempts, last_error)
                VALUES (?::uuid, ?, 'p-1', 'credit', 'EUR', 100, 'win', '\\x00'::bytea, 'rejected',
                    'PLAYER_NOT_FOUND', 1, 'PLAYER_NOT_FOUND')""", id, UNREACHED_BRAND);
        post("/credits", body(id, UNREACHED_BRAND, "EUR", "999"))
                .statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("detail", startsWith("transfer id " + id));
    }

    private static String body(String transferId, String brand, String currency, String amountJson) {
        return "{\"transferId\":\"" + transferId + "\",\"brand\":\"" + brand + "\",\"playerId\":\"p-1\",\"currency\":\""
                + currency + "\",\"amountMinor\":" + amountJson + "}";
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/wallet/seamless" + path).then();
    }
}
