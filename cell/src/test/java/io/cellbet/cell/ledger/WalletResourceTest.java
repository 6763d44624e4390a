package io.cellbet.cell.ledger;

import static io.cellbet.cell.ledger.WalletFixtures.available;
import static io.cellbet.cell.ledger.WalletFixtures.balance;
import static io.cellbet.cell.ledger.WalletFixtures.deposit;
import static io.cellbet.cell.ledger.WalletFixtures.leg;
import static io.cellbet.cell.ledger.WalletFixtures.openHouse;
import static io.cellbet.cell.ledger.WalletFixtures.openPlayer;
import static io.cellbet.cell.ledger.WalletFixtures.transfer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.cell.ops.MetricsSamples;

import io.cellbet.platform.persistence.Sql;
import io.cellbet.wallet.api.Movement;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.Transfer;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import io.cellbet.wallet.api.TransferResult;
import io.cellbet.wallet.api.TransferStatus;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wallet over REST: transfers, idempotency, linked and two-phase transfers, statements, bad input. */
@QuarkusTest
class WalletResourceTest {

    @Inject
    Sql sql;

    @Inject
    WalletApi wallet;

    private String brand;
    private long player;
    private long stakes;
    private long ggr;

    @BeforeEach
    void accounts() {
        brand = "W" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        player = openPlayer(brand, "p-1", "EUR");
        stakes = openHouse(brand, "stakes_held", "EUR");
        ggr = openHouse(brand, "sportsbook_ggr", "EUR");
        deposit(brand, player, 10_000, "EUR");
    }

    @Test
    void postsATransferAndWritesTheStatement() {
        transfer("stake-1", player, stakes, 2_500, "EUR").then().statusCode(201)
                .body("replayed", equalTo(false))
                .body("transfers[0].status", equalTo("posted"))
                .body("transfers[0].amountMinor", equalTo(2_500));
        assertEquals(7_500, balance(player));
        assertEquals(2_500, balance(stakes));
        given().when().get("/api/wallet/accounts/" + player + "/statement?limit=1").then().statusCode(200)
                .body("lines", hasSize(1))
                .body("lines[0].amountMinor", equalTo(-2_500))
                .body("lines[0].balanceAfterMinor", equalTo(7_500))
                .body("nextBefore", notNullValue());
    }

    @Test
    void timesEachStepOfTheWritersBatchesForOps() {
        double[] before = {timedBatches("read"), timedBatches("apply"), timedBatches("commit")};
        transfer("timed-1", player, stakes, 100, "EUR").then().statusCode(201);
        // Other tests' batches may be timed too: at least this one was, in every step.
        assertTrue(timedBatches("read") >= before[0] + 1);
        assertTrue(timedBatches("apply") >= before[1] + 1);
        assertTrue(timedBatches("commit") >= before[2] + 1);
    }

    /** Ledger batches whose step the cell's metrics have timed. */
    private static double timedBatches(String step) {
        return MetricsSamples.sample("cellbet_wallet_batch_" + step + "_seconds_count");
    }

    @Test
    void announcesEachLedgerBatchInOneEventListingItsTransfersInOrder() {
        String prefix = brand + "-announced-";
        List<TransferResult> applied = QuarkusTransaction.requiringNew().call(() -> wallet.applyInTransaction(List.of(
                Movement.transfer(new TransferRequest(prefix + "stake", List.of(stakeLeg(300))), "corr-stake"),
                Movement.reservation(new ReserveRequest(prefix + "live", stakeLeg(200), Duration.ofMinutes(5)),
                        "corr-live"),
                Movement.transfer(new TransferRequest(prefix + "linked", List.of(stakeLeg(100), stakeLeg(50))),
                        null))));
        assertEquals(4, applied.stream().mapToInt(result -> ((TransferResult.Accepted) result).transfers().size())
                .sum());

        // One message for the batch: the four transfers in the order applied, each with what happened to it and the
        // correlation id of its request; the envelope's is the first one's.
        assertEquals(List.of(List.of(prefix + "stake", "TransferPosted", "posted", "300", "corr-stake"),
                List.of(prefix + "live", "FundsReserved", "pending", "200", "corr-live"),
                List.of(prefix + "linked", "TransferPosted", "posted", "100", ""),
                List.of(prefix + "linked", "TransferPosted", "posted", "50", "")), announced(prefix + "stake"));
        assertEquals(List.of(1L, "corr-stake", "ledger-batch"), sql.one("SELECT count(*) OVER (), correlation_id, "
                + "aggregate_type FROM messaging.outbox WHERE type = 'TransfersApplied' AND routing_key LIKE "
                + "'cell.%.wallet.TransfersApplied' AND payload->'transfers' @> ?::jsonb",
                row -> List.of(row.getLong(1), row.getString(2), row.getString(3)),
                "[{\"transfer\": {\"requestKey\": \"" + prefix + "live\"}}]").orElseThrow());

        // The reservation's end is announced by the batch that posts it: here a posting movement beside a transfer.
        UUID reservation = ((TransferResult.Accepted) applied.get(1)).transfers().get(0).id();
        List<TransferResult> posted = QuarkusTransaction.requiringNew().call(() -> wallet.applyInTransaction(List.of(
                Movement.transfer(new TransferRequest(prefix + "after", List.of(stakeLeg(10))), null),
                Movement.posting(reservation, "corr-post"))));
        Transfer posting = ((TransferResult.Accepted) posted.get(1)).transfers().get(0);
        assertEquals(List.of(reservation, TransferStatus.POSTED, 200L), List.of(posting.id(), posting.status(),
                posting.amountMinor()));
        assertEquals(List.of("ReservationPosted", "posted", "corr-post"), sql.one("SELECT a->>'event', "
                + "a->'transfer'->>'status', a->>'correlationId' FROM messaging.outbox o, "
                + "jsonb_array_elements(o.payload->'transfers') a WHERE o.type = 'TransfersApplied' AND a->>'event' = "
                + "'ReservationPosted' AND a->'transfer'->>'transferId' = ?",
                row -> List.of(row.getString(1), row.getString(2), row.getString(3)), reservation.toString())
                .orElseThrow());
        // Posted once: a second posting answers the first again and moves nothing.
        long stakesHeld = balance(stakes);
        List<TransferResult> again = QuarkusTransaction.requiringNew().call(() -> wallet.applyInTransaction(List.of(
                Movement.posting(reservation, null))));
        TransferResult.Accepted replayed = (TransferResult.Accepted) again.get(0);
        assertEquals(List.of(true, reservation), List.of(replayed.replayed(), replayed.transfers().get(0).id()));
        assertEquals(stakesHeld, balance(stakes));
    }

    private TransferLeg stakeLeg(long amountMinor) {
        return new TransferLeg(player, stakes, amountMinor, "EUR", "bet_stake", null, Map.of());
    }

    /** The transfers of the one TransfersApplied message holding {@code requestKey}, in order. */
    private List<List<String>> announced(String requestKey) {
        return sql.list("SELECT a->'transfer'->>'requestKey', a->>'event', a->'transfer'->>'status', "
                + "a->'transfer'->>'amountMinor', coalesce(a->>'correlationId', '') FROM messaging.outbox o, "
                + "jsonb_array_elements(o.payload->'transfers') WITH ORDINALITY AS t(a, n) WHERE o.type = "
                + "'TransfersApplied' AND o.payload->'transfers' @> ?::jsonb ORDER BY o.id, t.n",
                row -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5)), "[{\"transfer\": {\"requestKey\": \"" + requestKey + "\"}}]");
    }

    @Test
    void replaysTheSameKeyWithTheOriginalResult() {
        String first = transfer("stake-2", player, stakes, 1_000, "EUR").then().statusCode(201)
                .extract().jsonPath().getString("transfers[0].id");
        transfer("stake-2", player, stakes, 1_000, "EUR").then().statusCode(200)
                .body("replayed", equalTo(true))
                .body("transfers[0].id", equalTo(first));
        assertEquals(9_000, balance(player));
    }

    @Test
    void refusesTheSameKeyWithOtherContent() {
        transfer("stake-3", player, stakes, 1_000, "EUR").then().statusCode(201);
        transfer("stake-3", player, stakes, 1_001, "EUR").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(9_000, balance(player));
    }

    @Test
    void refusesAnOverdraftAndLeavesNoTrace() {
        transfer("too-much", player, stakes, 10_001, "EUR").then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_FUNDS"));
        assertEquals(10_000, balance(player));
        assertEquals(0L, sql.one("SELECT count(*) FROM wallet.transfers WHERE request_key = 'too-much'",
                row -> row.getLong(1)).orElseThrow());
    }

    @Test
    void appliesLinkedTransfersAllOrNone() {
        long other = openPlayer(brand, "p-2", "EUR");
        // The second leg overdraws p-2: neither leg may be applied.
        given().contentType(ContentType.JSON).body(Map.of("idempotencyKey", "linked-1", "transfers",
                List.of(leg(player, stakes, 4_000, "EUR"), leg(other, stakes, 1, "EUR"))))
                .when().post("/api/wallet/transfers").then().statusCode(409).body("code", equalTo("INSUFFICIENT_FUNDS"));
        assertEquals(10_000, balance(player));
        // Money that arrives earlier in the same request may be spent by a later leg.
        given().contentType(ContentType.JSON).body(Map.of("idempotencyKey", "linked-2", "transfers",
                List.of(leg(player, other, 4_000, "EUR"), leg(other, stakes, 3_000, "EUR"))))
                .when().post("/api/wallet/transfers").then().statusCode(201).body("transfers", hasSize(2));
        assertEquals(6_000, balance(player));
        assertEquals(1_000, balance(other));
        assertEquals(3_000, balance(stakes));
    }

    @Test
    void reservesThenPostsAndReservedMoneyIsNotSpendable() {
        String reservation = reserve("bet-1", 6_000, 60).then().statusCode(201)
                .body("status", equalTo("pending")).extract().jsonPath().getString("id");
        assertEquals(10_000, balance(player));
        assertEquals(4_000, available(player));
        transfer("spend-reserved", player, ggr, 4_001, "EUR").then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_FUNDS"));
        given().when().post("/api/wallet/reservations/" + reservation + "/post").then().statusCode(200)
                .body("status", equalTo("posted"));
        assertEquals(4_000, balance(player));
        assertEquals(6_000, balance(stakes));
        // Posting again answers the same; voiding a posted reservation is refused.
        given().when().post("/api/wallet/reservations/" + reservation + "/post").then().statusCode(200);
        given().when().post("/api/wallet/reservations/" + reservation + "/void").then().statusCode(409)
                .body("code", equalTo("RESERVATION_CLOSED"));
    }

    @Test
    void voidReleasesAReservation() {
        String reservation = reserve("bet-2", 3_000, 60).then().statusCode(201).extract().jsonPath().getString("id");
        given().when().post("/api/wallet/reservations/" + reservation + "/void").then().statusCode(200)
                .body("status", equalTo("voided"));
        assertEquals(10_000, available(player));
        given().when().post("/api/wallet/reservations/" + reservation + "/post").then().statusCode(409)
                .body("code", equalTo("RESERVATION_CLOSED"));
    }

    @Test
    void releasesAnExpiredReservation() {
        String reservation = reserve("bet-3", 5_000, 1).then().statusCode(201).extract().jsonPath().getString("id");
        assertEquals(5_000, available(player));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when()
                .get("/api/wallet/transfers/" + reservation).then().body("status", equalTo("expired")));
        assertEquals(10_000, available(player));
        assertEquals(10_000, balance(player));
    }

    @Test
    void recordsAManualAdjustmentWithItsReason() {
        given().contentType(ContentType.JSON).body(Map.of("idempotencyKey", "adj-1", "accountId", player,
                "amountMinor", -1_500, "reason", "Duplicate deposit reversed, ticket OPS-42"))
                .when().post("/api/wallet/adjustments").then().statusCode(201)
                .body("transfers[0].metadata.reason", equalTo("Duplicate deposit reversed, ticket OPS-42"))
                .body("transfers[0].type", equalTo("adjustment"));
        assertEquals(8_500, balance(player));
        given().when().get("/api/wallet/accounts?brand=" + brand).then().statusCode(200)
                .body("kind", hasItem("adjustments"));
    }

    @Test
    void namesEveryKindOfBadInput() {
        long usd = openPlayer(brand, "p-usd", "USD");
        transfer("zero", player, stakes, 0, "EUR").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", hasItem("transfers[0].amountMinor"));
        transfer("negative", player, stakes, -5, "EUR").then().statusCode(400)
                .body("errors.field", hasItem("transfers[0].amountMinor"));
        transfer("same", player, player, 5, "EUR").then().statusCode(400)
                .body("errors.field", hasItem("transfers[0].creditAccountId"));
        transfer("mismatch", player, usd, 5, "EUR").then().statusCode(422).body("code", equalTo("CURRENCY_MISMATCH"));
        transfer("unknown", player, 987_654_321L, 5, "EUR").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_ACCOUNT"));
        given().contentType(ContentType.JSON).body("{idempotencyKey: x").when()
                .post("/api/wallet/transfers").then().statusCode(400).body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body("{\"idempotencyKey\": \"cut\", \"transfers\": [{").when()
                .post("/api/wallet/transfers").then().statusCode(400).body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body("{\"idempotencyKey\": \"frac\", \"transfers\": [{\"debitAccountId\": "
                + player + ", \"creditAccountId\": " + stakes + ", \"amountMinor\": 1.5, \"currency\": \"EUR\", "
                + "\"type\": \"t\"}]}").when().post("/api/wallet/transfers").then().statusCode(400)
                .body("code", equalTo("invalid-json"));
        given().contentType(ContentType.JSON).body(Map.of("transfers", List.of())).when()
                .post("/api/wallet/transfers").then().statusCode(400)
                .body("errors.field", hasItem("idempotencyKey")).body("errors.field", hasItem("transfers"));
        given().when().get("/api/wallet/accounts/" + player + "/statement?limit=201").then().statusCode(400)
                .body("code", equalTo("invalid-parameter"));
        given().when().get("/api/wallet/accounts/nope").then().statusCode(404).body("code", equalTo("UNKNOWN_ACCOUNT"));
        given().contentType(ContentType.JSON).body(Map.of("brand", brand, "kind", "cash", "currency", "euro"))
                .when().post("/api/wallet/accounts").then().statusCode(400)
                .body("errors.field", hasItem("playerId")).body("errors.field", hasItem("currency"));
        // None of the refused requests left a transfer behind.
        assertEquals(0L, sql.one("SELECT count(*) FROM wallet.transfers WHERE request_key IN "
                + "('zero', 'negative', 'same', 'mismatch', 'unknown', 'frac')", row -> row.getLong(1)).orElseThrow());
        assertEquals(10_000, balance(player));
    }

    @Test
    void answersEachRequestOfABatchAsIfPostedAlone() {
        String key = brand + "-batch-";
        transfer(key + "earlier", player, stakes, 100, "EUR").then().statusCode(201);
        Map<String, Object> zero = Map.of("idempotencyKey", key + "zero", "transfers", List.of(leg(player, stakes, 0,
                "EUR")));
        given().contentType(ContentType.JSON).body(Map.of("requests", List.of(
                Map.of("idempotencyKey", key + "new", "transfers", List.of(leg(player, stakes, 1_000, "EUR"))),
                Map.of("idempotencyKey", key + "earlier", "transfers", List.of(leg(player, stakes, 100, "EUR"))),
                Map.of("idempotencyKey", key + "overdraft", "transfers", List.of(leg(player, ggr, 1_000_000, "EUR"))),
                zero,
                Map.of("idempotencyKey", key + "unknown", "transfers", List.of(leg(player, 987_654_321L, 5, "EUR"))),
                Map.of("idempotencyKey", key + "linked", "transfers", List.of(leg(player, stakes, 200, "EUR"),
                        leg(stakes, ggr, 50, "EUR"))))))
                .when().post("/api/wallet/transfer-batches").then().statusCode(200)
                .body("results", hasSize(6))
                .body("results.idempotencyKey", equalTo(List.of(key + "new", key + "earlier", key + "overdraft",
                        key + "zero", key + "unknown", key + "linked")))
                .body("results.status", equalTo(List.of(201, 200, 409, 400, 422, 201)))
                .body("results[0].body.transfers[0].amountMinor", equalTo(1_000))
                .body("results[1].body.replayed", equalTo(true))
                .body("results[2].body.code", equalTo("INSUFFICIENT_FUNDS"))
                .body("results[3].body.code", equalTo("INVALID_REQUEST"))
                .body("results[3].body.errors.field", hasItem("transfers[0].amountMinor"))
                .body("results[4].body.code", equalTo("UNKNOWN_ACCOUNT"))
                .body("results[5].body.transfers", hasSize(2));
        assertEquals(10_000 - 100 - 1_000 - 200, balance(player));
        assertEquals(100 + 1_000 + 200 - 50, balance(stakes));
        assertEquals(50, balance(ggr));
        assertEquals(0L, sql.one("SELECT count(*) FROM wallet.transfers WHERE request_key IN (?, ?, ?)",
                row -> row.getLong(1), key + "overdraft", key + "zero", key + "unknown").orElseThrow());
    }

    @Test
    void refusesABatchThatIsEmptyTooLargeOrHasAHole() {
        given().contentType(ContentType.JSON).body(Map.of("requests", List.of())).when()
                .post("/api/wallet/transfer-batches").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", hasItem("requests"));
        Map<String, Object> one = Map.of("idempotencyKey", brand + "-huge", "transfers",
                List.of(leg(player, stakes, 1, "EUR")));
        given().contentType(ContentType.JSON).body(Map.of("requests", Collections.nCopies(1_001, one)))
                .when().post("/api/wallet/transfer-batches").then().statusCode(400)
                .body("errors.field", hasItem("requests"));
        given().contentType(ContentType.JSON).body("{\"requests\": [" + "{\"idempotencyKey\": \"" + brand
                + "-hole\", \"transfers\": []}, null]}").when().post("/api/wallet/transfer-batches").then()
                .statusCode(400).body("errors.field", hasItem("requests[1]"));
        given().contentType(ContentType.JSON).body("{\"requests\": [").when().post("/api/wallet/transfer-batches")
                .then().statusCode(400).body("code", equalTo("malformed-json"));
        assertEquals(0L, sql.one("SELECT count(*) FROM wallet.transfers WHERE request_key IN (?, ?)",
                row -> row.getLong(1), brand + "-huge", brand + "-hole").orElseThrow());
        assertEquals(10_000, balance(player));
    }

    private io.restassured.response.Response reserve(String key, long amountMinor, long holdSeconds) {
        return given().contentType(ContentType.JSON).body(Map.of("idempotencyKey", key, "debitAccountId", player,
                "creditAccountId", stakes, "amountMinor", amountMinor, "currency", "EUR", "type", "stake",
                "holdSeconds", holdSeconds)).when().post("/api/wallet/reservations");
    }
}
