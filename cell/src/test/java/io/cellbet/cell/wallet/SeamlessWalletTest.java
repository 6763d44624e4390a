package io.cellbet.cell.wallet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.TestBrands;
import io.cellbet.platform.persistence.Sql;
import io.cellbet.simulators.brandwallet.ReceivedCall;
import io.cellbet.simulators.brandwallet.ReferenceBrandWallet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seamless wallet against the reference brand wallet over real HTTP, with the shadow
 * ledger in PostgreSQL and its events in the outbox: approvals, refusals, lost answers rolled
 * back until acknowledged, credits retried until the brand is back, duplicates applied once.
 * The cell's request timeout is 1 s and its retries 100-400 ms apart in the test profile.
 */
@QuarkusTest
class SeamlessWalletTest {

    static final String BRAND = "SEAMLESS";
    /** A seamless brand whose secret in the cell is not the brand's: its calls are badly signed. */
    static final String BADLY_KEYED_BRAND = "SEAMLESS_BADKEY";
    static final String SECRET = "test-secret";

    private static ReferenceBrandWallet brandWallet;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @ConfigProperty(name = "cellbet.cell.id")
    String cellId;

    private String player;

    @BeforeEach
    void brandWalletUp() throws Exception {
        if (brandWallet == null) {
            brandWallet = ReferenceBrandWallet.start(0, SECRET);
            new TestBrands(json, cellId).apply(System.getProperty("cellbet.infra.broker.url"),
                    TestBrands.seamless(BRAND, brandWallet.baseUrl().toString(), "test-brand-wallet"),
                    TestBrands.seamless(BADLY_KEYED_BRAND, brandWallet.baseUrl().toString(), "wrong-wallet-key"));
        }
        player = "p-" + UUID.randomUUID();
        brandWallet.openPlayer(player, "EUR", 10_000);
    }

    @AfterEach
    void brandWalletNormal() {
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
    void approvesADebitTheBrandAccepts() {
        UUID id = UUID.randomUUID();
        debit(id, BRAND, 2_500).statusCode(200)
                .body("outcome", equalTo("approved"))
                .body("balanceMinor", equalTo(7_500))
                .body("replayed", equalTo(false));
        assertEquals(Optional.of(7_500L), brandWallet.balance(player));
        call(id).body("status", equalTo("acknowledged")).body("operation", equalTo("debit"))
                .body("attempts", equalTo(1)).body("response.duplicate", equalTo(false));
        assertEquals(1L, outboxEvents("SeamlessDebitApproved", id));
    }

    @Test
    void answersARepeatedDebitFromTheShadowLedgerWithoutCallingTheBrand() {
        UUID id = UUID.randomUUID();
        debit(id, BRAND, 100).statusCode(200).body("outcome", equalTo("approved"));
        debit(id, BRAND, 100).statusCode(200).body("outcome", equalTo("approved")).body("replayed", equalTo(true));
        assertEquals(1, brandWallet.received("debit", id.toString()).size());
        assertEquals(Optional.of(9_900L), brandWallet.balance(player));
    }

    @Test
    void declinesADebitBeyondThePlayersBalanceAtTheBrand() {
        UUID id = UUID.randomUUID();
        debit(id, BRAND, 10_001).statusCode(200)
                .body("outcome", equalTo("declined"))
                .body("reason", equalTo("INSUFFICIENT_FUNDS"));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
        call(id).body("status", equalTo("rejected")).body("rejection", equalTo("INSUFFICIENT_FUNDS"))
                .body("httpStatus", equalTo(422));
        assertEquals(0L, outboxEvents("SeamlessDebitApproved", id));
    }

    @Test
    void rollsBackATimedOutDebitUntilTheBrandAcknowledges() {
        UUID id = UUID.randomUUID();
        // The brand takes the money but answers after the cell's 1 s timeout; then it fails the first rollbacks.
        brandWallet.slow(Duration.ofMillis(1_500));
        brandWallet.fail("rollback", 3);
        ValidatableResponse failed = debit(id, BRAND, 4_000).statusCode(200)
                .body("outcome", equalTo("failed"))
                .body("rollbackTransferId", notNullValue());
        brandWallet.slow(Duration.ZERO);
        assertEquals(Optional.of(6_000L), brandWallet.balance(player), "the timed-out debit was applied at the brand");
        String rollbackId = failed.extract().jsonPath().getString("rollbackTransferId");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                call(UUID.fromString(rollbackId)).body("status", equalTo("acknowledged")));
        call(id).body("status", equalTo("rolled_back"));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player), "the brand balance ends where it started");
        List<ReceivedCall> rollbacks = brandWallet.rollbacksOf(id.toString());
        assertTrue(rollbacks.size() >= 4, "three refused rollbacks, then the acknowledged one: " + rollbacks);
        assertEquals(3, rollbacks.stream().filter(r -> r.httpStatus() == 503).count());
        assertEquals(1, rollbacks.stream().filter(ReceivedCall::applied).filter(r -> !r.duplicate()).count());
        // Each refused rollback was an unknown outcome to the cell (a 503, or no answer while the brand was still slow).
        List<String> outcomes = given().when().get("/api/wallet/seamless/calls/" + rollbackId + "/attempts").then()
                .statusCode(200).extract().jsonPath().getList("items.outcome", String.class);
        assertEquals("acknowledged", outcomes.get(outcomes.size() - 1));
        assertTrue(outcomes.subList(0, outcomes.size() - 1).stream().allMatch("unknown"::equals), outcomes.toString());
        assertTrue(outcomes.size() >= 4, outcomes.toString());
        assertEquals(1L, outboxEvents("SeamlessRollbackAcknowledged", UUID.fromString(rollbackId)));
        assertEquals(0L, outboxEvents("SeamlessDebitApproved", id));
    }

    @Test
    void refusesADebitThatReachesTheBrandAfterItsRollback() throws Exception {
        UUID id = UUID.randomUUID();
        // The brand fails the debit without applying it; the cell cannot know that and rolls it back.
        brandWallet.fail("debit", 1);
        String rollbackId = debit(id, BRAND, 300).statusCode(200)
                .body("outcome", equalTo("failed"))
                .extract().jsonPath().getString("rollbackTransferId");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(UUID.fromString(rollbackId)).body("status", equalTo("acknowledged"))
                        .body("response.rolledBack", equalTo(false)));
        call(id).body("status", equalTo("rolled_back"));
        // The same debit delivered late (a proxy retrying it) is refused: the brand remembers the rollback.
        assertEquals(409, sendDebitAsTheCellWould(id, 300));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
        // A repeat to the cell is answered from the shadow ledger, not sent again.
        debit(id, BRAND, 300).statusCode(200).body("outcome", equalTo("failed"));
        assertEquals(2, brandWallet.received("debit", id.toString()).size());
    }

    @Test
    void retriesACreditWhileTheBrandIsDownAndAppliesItOnceWhenItIsBack() {
        UUID id = UUID.randomUUID();
        brandWallet.down();
        credit(id, BRAND, 1_234).statusCode(202)
                .body("outcome", equalTo("pending"))
                .body("nextAttemptAt", notNullValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("pending")).body("attempts", greaterThanOrEqualTo(3)));
        brandWallet.up();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("acknowledged")).body("balanceMinor", equalTo(11_234)));
        assertEquals(Optional.of(11_234L), brandWallet.balance(player));
        assertEquals(1, brandWallet.timesApplied(id.toString()));
        assertEquals(1L, outboxEvents("SeamlessCreditAcknowledged", id));
    }

    @Test
    void acknowledgesACreditWhoseFirstAnswerWasLostOnTheDuplicateAnswer() {
        UUID id = UUID.randomUUID();
        brandWallet.slow(Duration.ofMillis(1_500));
        credit(id, BRAND, 500).statusCode(202).body("outcome", equalTo("pending"));
        assertEquals(Optional.of(10_500L), brandWallet.balance(player), "applied although the answer was lost");
        brandWallet.slow(Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("acknowledged")).body("response.duplicate", equalTo(true)));
        assertEquals(Optional.of(10_500L), brandWallet.balance(player));
        assertEquals(1, brandWallet.timesApplied(id.toString()));
    }

    @Test
    void takesADuplicateAnswerAsOneApprovalAndRecordsItOnce() {
        brandWallet.answerTwice(true);
        UUID debitId = UUID.randomUUID();
        UUID creditId = UUID.randomUUID();
        debit(debitId, BRAND, 700).statusCode(200).body("outcome", equalTo("approved"));
        credit(creditId, BRAND, 200).statusCode(200).body("outcome", equalTo("acknowledged"));
        assertEquals(Optional.of(9_500L), brandWallet.balance(player));
        assertEquals(2, brandWallet.received("debit", debitId.toString()).size(), "the brand processed it twice");
        assertEquals(1, brandWallet.timesApplied(debitId.toString()));
        assertEquals(1, brandWallet.timesApplied(creditId.toString()));
        assertEquals(1L, sql.one("SELECT count(*) FROM wallet.seamless_calls WHERE transfer_id = ?",
                rs -> rs.getLong(1), debitId).orElseThrow());
        call(debitId).body("attempts", equalTo(1)).body("response.duplicate", equalTo(true));
        assertEquals(1L, outboxEvents("SeamlessDebitApproved", debitId));
        assertEquals(1L, outboxEvents("SeamlessCreditAcknowledged", creditId));
    }

    @Test
    void keepsACreditTheBrandRefusesForAnOperatorToRetry() {
        UUID id = UUID.randomUUID();
        String stranger = "p-unknown-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("transferId", id.toString(), "brand", BRAND, "playerId", stranger, "currency", "EUR",
                        "amountMinor", 900, "type", "win"))
                .when().post("/api/wallet/seamless/credits").then().statusCode(200)
                .body("outcome", equalTo("rejected"))
                .body("reason", equalTo("PLAYER_NOT_FOUND"));
        given().when().get("/api/wallet/seamless/calls?brand=" + BRAND + "&playerId=" + stranger + "&status=rejected")
                .then().statusCode(200).body("items.transferId", equalTo(List.of(id.toString())));
        // The brand opens the player; an operator puts the credit back in line and it goes through once.
        brandWallet.openPlayer(stranger, "EUR", 0);
        given().when().post("/api/wallet/seamless/calls/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("pending"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("acknowledged")).body("attempts", equalTo(2)));
        assertEquals(Optional.of(900L), brandWallet.balance(stranger));
        given().when().post("/api/wallet/seamless/calls/" + id + "/retry").then().statusCode(409)
                .body("code", equalTo("SEAMLESS_CALL_NOT_RETRYABLE"));
    }

    @Test
    void rollsBackAnApprovedDebitOnRequest() {
        UUID id = UUID.randomUUID();
        debit(id, BRAND, 1_000).statusCode(200).body("outcome", equalTo("approved"));
        rollback(id).statusCode(200).body("outcome", equalTo("acknowledged")).body("rolledBack", equalTo(true));
        rollback(id).statusCode(200).body("replayed", equalTo(true));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
        call(id).body("status", equalTo("rolled_back"));
    }

    @Test
    void isRefusedByTheBrandWhenItsSignatureIsWrong() {
        UUID debitId = UUID.randomUUID();
        debit(debitId, BADLY_KEYED_BRAND, 100).statusCode(200)
                .body("outcome", equalTo("declined"))
                .body("reason", equalTo("INVALID_SIGNATURE"));
        List<ReceivedCall> received = brandWallet.received("debit", debitId.toString());
        assertEquals(1, received.size());
        assertEquals(401, received.get(0).httpStatus());
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
        // A badly signed credit is ours to fix, not the brand's to refuse for good: it stays pending and is retried.
        UUID creditId = UUID.randomUUID();
        credit(creditId, BADLY_KEYED_BRAND, 100).statusCode(202).body("outcome", equalTo("pending"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(creditId).body("status", equalTo("pending")).body("attempts", greaterThanOrEqualTo(2))
                        .body("lastError", equalTo("INVALID_SIGNATURE: request refused: INVALID_SIGNATURE")));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
        // Stop it: an operator would fix the key; here the call is closed so it does not run forever.
        sql.update("UPDATE wallet.seamless_calls SET status = 'rejected', rejection = 'INVALID_SIGNATURE', "
                + "next_attempt_at = NULL WHERE transfer_id = ?", creditId);
    }

    @Test
    void sendsACreditLeftPendingByACrashedCell() {
        UUID id = UUID.randomUUID();
        // What a cell leaves behind when it dies after recording a credit and before sending it.
        sql.update("""
                INSERT INTO wallet.seamless_calls (transfer_id, brand, player_id, operation, currency, amount_minor, type,
                    request_hash, status, attempts, next_attempt_at)
                VALUES (?, ?, ?, 'credit', 'EUR', 321, 'win', '\\x00'::bytea, 'pending', 1, now() - interval '1 second')""",
                id, BRAND, player);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("acknowledged")));
        assertEquals(Optional.of(10_321L), brandWallet.balance(player));
    }

    @Test
    void rollsBackADebitLeftWithoutAnswerByACrashedCell() throws Exception {
        UUID id = UUID.randomUUID();
        // The brand applied the debit; the cell died before recording the answer.
        assertEquals(200, sendDebitAsTheCellWould(id, 1_000));
        sql.update("""
                INSERT INTO wallet.seamless_calls (transfer_id, brand, player_id, operation, currency, amount_minor, type,
                    request_hash, status, attempts, next_attempt_at)
                VALUES (?, ?, ?, 'debit', 'EUR', 1000, 'bet', '\\x00'::bytea, 'pending', 1, now() - interval '1 second')""",
                id, BRAND, player);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                call(id).body("status", equalTo("rolled_back")));
        assertEquals(Optional.of(10_000L), brandWallet.balance(player));
    }

    // ---------------------------------------------------------------- helpers

    /** Sends a debit straight to the brand, signed as the cell signs; returns the HTTP status. */
    private int sendDebitAsTheCellWould(UUID id, long amountMinor) throws Exception {
        byte[] body = json.writeValueAsBytes(Map.of("transactionId", id.toString(), "playerId", player,
                "currency", "EUR", "amountMinor", amountMinor, "type", "bet"));
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        String signature = io.cellbet.simulators.brandwallet.Signatures.sign(
                SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), timestamp, body);
        return given().contentType(ContentType.JSON).header("X-Cellbet-Timestamp", timestamp)
                .header("X-Cellbet-Signature", signature).body(body)
                .when().post(brandWallet.baseUrl() + "/debit").then().extract().statusCode();
    }

    private ValidatableResponse debit(UUID id, String brand, long amountMinor) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("transferId", id.toString(), "brand", brand, "playerId", player, "currency", "EUR",
                        "amountMinor", amountMinor, "type", "bet", "reference", "bet-" + id))
                .when().post("/api/wallet/seamless/debits").then();
    }

    private ValidatableResponse credit(UUID id, String brand, long amountMinor) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("transferId", id.toString(), "brand", brand, "playerId", player, "currency", "EUR",
                        "amountMinor", amountMinor, "type", "win"))
                .when().post("/api/wallet/seamless/credits").then();
    }

    private ValidatableResponse rollback(UUID debitId) {
        return given().contentType(ContentType.JSON).body(Map.of("debitTransferId", debitId.toString()))
                .when().post("/api/wallet/seamless/rollbacks").then();
    }

    private ValidatableResponse call(UUID id) {
        return given().when().get("/api/wallet/seamless/calls/" + id).then().statusCode(200);
    }

    private long outboxEvents(String type, UUID transferId) {
        return sql.one("SELECT count(*) FROM messaging.outbox WHERE type = ? AND payload->>'transferId' = ?",
                rs -> rs.getLong(1), type, transferId.toString()).orElseThrow();
    }
}
